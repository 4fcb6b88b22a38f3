package sandbox

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"
)

// Main runs the `sandbox` subcommand: it serves the emulators on a loopback
// address, prints shell exports for the provider, and blocks until SIGINT or
// SIGTERM.
func Main(args []string, stdout io.Writer) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, args, stdout)
}

// run is Main with the stop condition as a context, so tests can end it.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:8080", "loopback `address` to listen on")
	user := fs.String("op-username", "sandbox", "Openprovider API `username` the sandbox accepts")
	pass := fs.String("op-password", "", "Openprovider API `password` the sandbox accepts (default: random)")
	ecKey := fs.String("ecurring-api-key", "", "eCurring API `key` the sandbox accepts (default: random)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("sandbox: unexpected arguments %q", fs.Args())
	}
	if *user == "" {
		return errors.New("sandbox: -op-username must not be empty")
	}
	if *pass == "" {
		b := make([]byte, 8)
		_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
		*pass = hex.EncodeToString(b)
	}
	if *ecKey == "" {
		b := make([]byte, 16)
		_, _ = rand.Read(b)
		*ecKey = hex.EncodeToString(b)
	}
	s := New(Options{OpenproviderUsername: *user, OpenproviderPassword: *pass, EcurringAPIKey: *ecKey})
	root, err := s.Start(*listen)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintf(stdout, "export OPENPROVIDER_BASE_URL=%s\n", shellQuote(OpenproviderBaseURL(root)))
	fmt.Fprintf(stdout, "export OPENPROVIDER_USERNAME=%s\n", shellQuote(*user))
	fmt.Fprintf(stdout, "export OPENPROVIDER_PASSWORD=%s\n", shellQuote(*pass))
	fmt.Fprintf(stdout, "export ECURRING_BASE_URL=%s\n", shellQuote(EcurringBaseURL(root)))
	fmt.Fprintf(stdout, "export ECURRING_API_KEY=%s\n", shellQuote(*ecKey))
	fmt.Fprintf(stdout, "# customers sandbox listening on %s (Ctrl-C to stop)\n", root)
	<-ctx.Done()
	return nil
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_@%+=:,./-]+$`)

// shellQuote leaves ordinary values bare and single-quotes the rest, so the
// output stays eval'able whatever credentials were chosen.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
