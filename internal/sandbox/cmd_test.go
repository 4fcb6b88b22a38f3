package sandbox

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, []string{"-listen", "127.0.0.1:0", "-op-username", "me"}, pw)
		pw.Close()
		done <- err
	}()

	sc := bufio.NewScanner(pr)
	var lines []string
	for len(lines) < 6 && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) != 6 {
		t.Fatalf("output %q", lines)
	}
	base := regexp.MustCompile(`^export OPENPROVIDER_BASE_URL=(http://127\.0\.0\.1:\d+)/openprovider/v1beta$`).FindStringSubmatch(lines[0])
	pass := regexp.MustCompile(`^export OPENPROVIDER_PASSWORD=([0-9a-f]{16})$`).FindStringSubmatch(lines[2])
	ecKey := regexp.MustCompile(`^export ECURRING_API_KEY=([0-9a-f]{32})$`).FindStringSubmatch(lines[4])
	if base == nil || lines[1] != "export OPENPROVIDER_USERNAME=me" || pass == nil ||
		lines[3] != "export ECURRING_BASE_URL="+base[1]+"/ecurring" || ecKey == nil ||
		lines[5] != "# customers sandbox listening on "+base[1]+" (Ctrl-C to stop)" {
		t.Fatalf("output:\n%s", strings.Join(lines, "\n"))
	}
	login(t, OpenproviderBaseURL(base[1]), "me", pass[1])
	for key, want := range map[string]int{ecKey[1]: http.StatusOK, "sandbox-ecurring-key": http.StatusUnauthorized} {
		req, _ := http.NewRequest(http.MethodGet, EcurringBaseURL(base[1])+"/customers", nil)
		req.Header.Set("X-Authorization", key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("eCurring with key %q: status %d, want %d", key, resp.StatusCode, want)
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return after cancel")
	}
}

func TestCommandEcurringKey(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, []string{"-listen", "127.0.0.1:0", "-ecurring-api-key", "it's mine"}, pw)
		pw.Close()
		done <- err
	}()
	sc := bufio.NewScanner(pr)
	var lines []string
	for len(lines) < 6 && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	cancel()
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if err := <-done; err != nil {
		t.Error(err)
	}
	if len(lines) != 6 || lines[4] != `export ECURRING_API_KEY='it'\''s mine'` {
		t.Errorf("output:\n%s", strings.Join(lines, "\n"))
	}
}

func TestCommandErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-listen", "0.0.0.0:8080"},
		{"-listen", ":8080"},
		{"-nope"},
		{"extra"},
		{"-op-username", ""},
	} {
		var out strings.Builder
		if err := run(context.Background(), args, &out); err == nil {
			t.Errorf("%q: no error", args)
		}
		if out.Len() != 0 {
			t.Errorf("%q: printed %q", args, out.String())
		}
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"sandbox":              "sandbox",
		"http://127.0.0.1:1/x": "http://127.0.0.1:1/x",
		"it's $x":              `'it'\''s $x'`,
		"http://[::1]:8080/a":  "'http://[::1]:8080/a'",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}
