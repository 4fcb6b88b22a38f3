// Command rsswrap measures a provider process. The runner puts it where dev_overrides point
// Terraform, named terraform-provider-customers, next to a file `wrapped-provider` that holds
// the path of the real binary. It runs that binary as its child with the same arguments,
// environment, stdin, stdout and stderr (so go-plugin's handshake on stdout passes through
// unchanged), forwards SIGINT and SIGTERM, waits, appends one JSON line with the child's
// resource usage to the file named by BENCH_RSS_FILE (when set), and exits with the child's
// status.
//
// Not shipped: it exists only for `make bench`.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Usage is one provider process, as the runner reads it back.
type Usage struct {
	MaxRSSKiB int64   `json:"maxrss_kib"`
	UserSec   float64 `json:"user_s"`
	SysSec    float64 `json:"sys_s"`
	WallSec   float64 `json:"wall_s"`
	Exit      int     `json:"exit"`
}

func main() {
	exe, err := os.Executable()
	if err != nil {
		fail(err)
	}
	b, err := os.ReadFile(filepath.Join(filepath.Dir(exe), "wrapped-provider"))
	if err != nil {
		fail(err)
	}
	target := strings.TrimSpace(string(b))

	cmd := exec.Command(target, os.Args[1:]...) //nolint:gosec // the binary the runner chose
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fail(err)
	}
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	_ = cmd.Wait() // the exit status is in ProcessState
	wall := time.Since(start)
	st := cmd.ProcessState
	u := Usage{WallSec: wall.Seconds(), Exit: st.ExitCode()}
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		u.MaxRSSKiB = ru.Maxrss // KiB on Linux
		u.UserSec = time.Duration(ru.Utime.Nano()).Seconds()
		u.SysSec = time.Duration(ru.Stime.Nano()).Seconds()
	}
	if file := os.Getenv("BENCH_RSS_FILE"); file != "" {
		line, _ := json.Marshal(u)
		// One short write with O_APPEND: concurrent provider processes do not interleave.
		if f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600); err == nil { //nolint:gosec // the runner's file
			_, _ = f.Write(append(line, '\n'))
			_ = f.Close()
		}
	}
	if u.Exit < 0 {
		u.Exit = 1 // killed by a signal
	}
	os.Exit(u.Exit)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "rsswrap:", err)
	os.Exit(1)
}
