package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// sandbox is `terraform-provider-customers sandbox` running as its own process.
type sandbox struct {
	cmd  *exec.Cmd
	root string   // http://127.0.0.1:port
	env  []string // NAME=value, as the sandbox printed them
	done chan struct{}
}

const listeningPrefix = "# customers sandbox listening on "

// startSandbox starts the sandbox on a random loopback port and reads the environment it prints.
// Unless kycVerify, the sandbox checks NOAH request signatures' claims but not their ECDSA
// signatures: that is NOAH's servers' work, and here it would take CPU from what is measured.
// extraArgs are more sandbox flags (-seed service=N).
func startSandbox(bin, logFile string, kycVerify bool, extraArgs []string) (*sandbox, error) {
	logf, err := os.Create(logFile) //nolint:gosec // under build/bench
	if err != nil {
		return nil, err
	}
	args := []string{"sandbox", "-listen", "127.0.0.1:0"}
	if !kycVerify {
		args = append(args, "-kyc-claims-only")
	}
	args = append(args, extraArgs...)
	cmd := exec.Command(bin, args...) //nolint:gosec // the provider binary
	cmd.Stderr = logf
	cmd.Env = cleanEnv(os.Environ())
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &sandbox{cmd: cmd, done: make(chan struct{})}
	var (
		mu  sync.Mutex
		out bytes.Buffer
	)
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			mu.Lock()
			out.WriteString(line + "\n")
			mu.Unlock()
			if root, ok := strings.CutPrefix(line, listeningPrefix); ok {
				ready <- strings.Fields(root)[0]
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	go func() {
		_ = cmd.Wait()
		_ = logf.Close()
		close(s.done)
	}()
	select {
	case s.root = <-ready:
	case <-s.done:
		return nil, fmt.Errorf("the sandbox exited before listening; see %s", logFile)
	case <-time.After(30 * time.Second):
		s.stop()
		return nil, fmt.Errorf("the sandbox did not start within 30s; see %s", logFile)
	}
	mu.Lock()
	env, err := parseExports(out.String())
	mu.Unlock()
	if err != nil {
		s.stop()
		return nil, err
	}
	s.env = env
	return s, nil
}

// stop ends the sandbox process (the one this runner started) and waits for it.
func (s *sandbox) stop() {
	if s == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// cpuSeconds is the sandbox process's user+system CPU time so far, from /proc.
func (s *sandbox) cpuSeconds() float64 {
	if s == nil {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// Fields after the parenthesised command name; utime and stime are fields 14 and 15.
	rest := string(b[bytes.LastIndexByte(b, ')')+2:])
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / clockTicks
}

// clockTicks is USER_HZ, 100 on every Linux platform Go supports.
const clockTicks = 100

// parseExports reads `export NAME=value` lines, values bare or single-quoted (possibly over
// several lines, with '\” for a quote), as the sandbox's shellQuote writes them.
func parseExports(s string) ([]string, error) {
	var env []string
	for {
		i := strings.Index(s, "export ")
		if i < 0 {
			break
		}
		s = s[i+len("export "):]
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			return nil, fmt.Errorf("sandbox output: export without '='")
		}
		name := s[:eq]
		s = s[eq+1:]
		var val strings.Builder
		if strings.HasPrefix(s, "'") {
			s = s[1:]
			for {
				end := strings.IndexByte(s, '\'')
				if end < 0 {
					return nil, fmt.Errorf("sandbox output: unterminated quote in %s", name)
				}
				val.WriteString(s[:end])
				s = s[end+1:]
				if strings.HasPrefix(s, `\''`) {
					val.WriteByte('\'')
					s = s[3:]
					continue
				}
				break
			}
		} else {
			end := strings.IndexByte(s, '\n')
			if end < 0 {
				end = len(s)
			}
			val.WriteString(s[:end])
			s = s[end:]
		}
		env = append(env, name+"="+val.String())
	}
	if len(env) == 0 {
		return nil, fmt.Errorf("sandbox output: no exports")
	}
	return env, nil
}

var httpClient = &http.Client{Timeout: 30 * time.Second}

// reset zeroes the sandbox's counters (POST /_sandbox/reset); customers stay.
func (s *sandbox) reset() error {
	resp, err := httpClient.Post(s.root+"/_sandbox/reset", "", nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("POST /_sandbox/reset: %s", resp.Status)
	}
	return nil
}

// setLatency makes every service answer after d (PUT /_sandbox/faults/{service}), nothing else.
func (s *sandbox) setLatency(d time.Duration) error {
	body := fmt.Sprintf(`{"Latency":%q}`, d.String())
	for _, svc := range []string{"openprovider", "ecurring", "kyc"} {
		req, err := http.NewRequest(http.MethodPut, s.root+"/_sandbox/faults/"+svc, strings.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := httpClient.Do(req)
		if err != nil {
			return err
		}
		msg, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusNoContent {
			return fmt.Errorf("PUT /_sandbox/faults/%s: %s %s", svc, resp.Status, msg)
		}
	}
	return nil
}

// serviceStats is one service in GET /_sandbox/stats.
type serviceStats struct {
	Requests      int
	Faulted       map[string]int
	PeakPerSecond int
	Counts        map[string]int `json:"counts"`
	Customers     int            `json:"customers"`
	ListCalls     int            `json:"list_calls"`
}

func (s *sandbox) stats() (map[string]serviceStats, error) {
	resp, err := httpClient.Get(s.root + "/_sandbox/stats")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET /_sandbox/stats: %s", resp.Status)
	}
	var out map[string]serviceStats
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("GET /_sandbox/stats: %w", err)
	}
	return out, nil
}

// cleanEnv drops what would change how Terraform, the provider or the sandbox behave: logging,
// credentials and endpoints from the caller's shell.
func cleanEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "TF_"), strings.HasPrefix(name, "OPENPROVIDER_"),
			strings.HasPrefix(name, "ECURRING_"), strings.HasPrefix(name, "KYC_"),
			strings.HasPrefix(name, "BENCH_"), name == "CUSTOMERS_ACC_LIVE":
			continue
		}
		out = append(out, kv)
	}
	return out
}
