package sandbox

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/binary"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// Main runs the `sandbox` subcommand: it serves the emulators on a loopback
// address, prints shell exports for the provider, and blocks until SIGINT or
// SIGTERM.
func Main(args []string, stdout io.Writer) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, args, stdout, os.Stderr)
}

// run is Main with the stop condition as a context, and the writer for usage and flag errors,
// so tests can end it and keep their output clean.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8080", "loopback `address` to listen on")
	user := fs.String("op-username", "sandbox", "Openprovider API `username` the sandbox accepts")
	pass := fs.String("op-password", "", "Openprovider API `password` the sandbox accepts (default: random)")
	ecKey := fs.String("ecurring-api-key", "", "eCurring API `key` the sandbox accepts (default: random)")
	kycKey := fs.String("kyc-api-key", "", "NOAH (KYC) X-Api-Key `value` the sandbox accepts (default: apikey_sandbox_ and random hex)")
	kycPubFile := fs.String("kyc-public-key", "", "PEM `file` with the PKIX public key (P-384 or P-256) that verifies NOAH request signatures\n(default: generate a P-384 key pair and print its private key as KYC_SIGNING_KEY)")
	kycUnsigned := fs.Bool("kyc-unsigned", false, "accept NOAH requests without Api-Signature (no KYC_SIGNING_KEY is printed)")
	kycClaimsOnly := fs.Bool("kyc-claims-only", false, "check each Api-Signature's claims but not its ECDSA signature, which NOAH's servers\n"+
		"would verify: saves about 0.6 ms of CPU per request for load tests on one machine")
	faults := faultSpecs{}
	fs.Var(faults, "faults", "inject faults: `service=kind:value,...` (repeatable; service openprovider, ecurring, kyc or all;\n"+
		"kinds 5xx:SHARE, 429:SHARE, drop:SHARE, retry-after:DURATION, latency:DURATION, rate:N/WINDOW, none),\n"+
		"e.g. openprovider=5xx:0.2,429:0.1,drop:0.05,latency:20ms,rate:50/100s")
	var behaviour Behaviour
	fs.Var(&behaviour, "behaviour", behaviourUsage())
	seeds := seedCounts{}
	fs.Var(seeds, "seed", "start with `service=N` customers made up by the sandbox, for listing and benchmarks (repeatable;\n"+
		"service openprovider, ecurring or kyc; N up to 100000), e.g. openprovider=2500")
	faultSeed := fs.Uint64("fault-seed", 0, "`seed` of the random choice of faulted requests, to repeat a run (default: random, printed)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("sandbox: unexpected arguments %q", fs.Args())
	}
	if *user == "" {
		return errors.New("sandbox: -op-username must not be empty")
	}
	if err := faults.validate(); err != nil {
		return fmt.Errorf("sandbox: -faults %w", err)
	}
	if *faultSeed == 0 {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		*faultSeed = binary.BigEndian.Uint64(b) | 1 // 0 would mean "random" to New
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
	if *kycKey == "" {
		b := make([]byte, 12)
		_, _ = rand.Read(b)
		*kycKey = "apikey_sandbox_" + hex.EncodeToString(b)
	}
	var kycPub *ecdsa.PublicKey
	var signingKeyPEM string // printed only when the sandbox made the key pair
	switch {
	case *kycUnsigned && *kycPubFile != "":
		return errors.New("sandbox: -kyc-unsigned and -kyc-public-key exclude each other")
	case *kycUnsigned && *kycClaimsOnly:
		return errors.New("sandbox: -kyc-unsigned and -kyc-claims-only exclude each other")
	case *kycUnsigned:
	case *kycPubFile != "":
		pub, err := readKYCPublicKey(*kycPubFile)
		if err != nil {
			return err
		}
		kycPub = pub
	default:
		priv, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
		if err != nil {
			return fmt.Errorf("sandbox: generating the KYC signing key: %w", err)
		}
		der, err := x509.MarshalPKCS8PrivateKey(priv)
		if err != nil {
			return fmt.Errorf("sandbox: encoding the KYC signing key: %w", err)
		}
		kycPub = &priv.PublicKey
		signingKeyPEM = strings.TrimRight(string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), "\n")
	}
	s := New(Options{
		OpenproviderUsername: *user, OpenproviderPassword: *pass, EcurringAPIKey: *ecKey,
		KYCAPIKey: *kycKey, KYCPublicKey: kycPub, KYCClaimsOnly: *kycClaimsOnly, FaultSeed: *faultSeed,
		Behaviour: behaviour,
	})
	for name, f := range faults {
		if err := s.SetFaults(name, *f); err != nil {
			return err // validated above; cannot happen
		}
	}
	for _, name := range serviceNames {
		if n := seeds[name]; n > 0 {
			if _, err := s.SeedCustomers(name, n); err != nil {
				return err // validated by Set; cannot happen
			}
		}
	}
	root, err := s.Start(*listen)
	if err != nil {
		return err
	}
	defer func() { _ = s.Close() }() // shutting down; nothing is left to report to
	var out strings.Builder
	fmt.Fprintf(&out, "export OPENPROVIDER_BASE_URL=%s\n", shellQuote(OpenproviderBaseURL(root)))
	fmt.Fprintf(&out, "export OPENPROVIDER_USERNAME=%s\n", shellQuote(*user))
	fmt.Fprintf(&out, "export OPENPROVIDER_PASSWORD=%s\n", shellQuote(*pass))
	fmt.Fprintf(&out, "export ECURRING_BASE_URL=%s\n", shellQuote(EcurringBaseURL(root)))
	fmt.Fprintf(&out, "export ECURRING_API_KEY=%s\n", shellQuote(*ecKey))
	fmt.Fprintf(&out, "export KYC_BASE_URL=%s\n", shellQuote(KYCBaseURL(root)))
	fmt.Fprintf(&out, "export KYC_API_KEY=%s\n", shellQuote(*kycKey))
	if signingKeyPEM != "" {
		// Single quotes keep the PEM's newlines in sh and bash.
		fmt.Fprintf(&out, "export KYC_SIGNING_KEY=%s\n", shellQuote(signingKeyPEM))
	}
	if len(faults) > 0 {
		for _, name := range serviceNames {
			if f := faults[name]; f != nil {
				fmt.Fprintf(&out, "# faults %s=%s\n", name, formatFaults(*f))
			}
		}
		fmt.Fprintf(&out, "# fault seed %d (repeat with -fault-seed %d)\n", *faultSeed, *faultSeed)
	}
	for _, name := range serviceNames {
		if n := seeds[name]; n > 0 {
			fmt.Fprintf(&out, "# seeded %d %s customers\n", n, name)
		}
	}
	if played := behaviour.String(); played != "" {
		fmt.Fprintf(&out, "# behaviour %s\n", played)
	}
	fmt.Fprintf(&out, "# customers sandbox listening on %s (Ctrl-C to stop)\n", root)
	// The environment is the command's whole output: without it the sandbox is of no use.
	if _, err := io.WriteString(stdout, out.String()); err != nil {
		return fmt.Errorf("sandbox: writing the environment: %w", err)
	}
	<-ctx.Done()
	return nil
}

// seedCounts is the -seed flag: how many customers to seed per service.
type seedCounts map[string]int

func (c seedCounts) String() string {
	var out []string
	for _, name := range serviceNames {
		if n, ok := c[name]; ok {
			out = append(out, fmt.Sprintf("%s=%d", name, n))
		}
	}
	return strings.Join(out, ",")
}

// Set takes one service=N; a later setting of the same service replaces an earlier one.
func (c seedCounts) Set(v string) error {
	name, count, ok := strings.Cut(v, "=")
	n, err := strconv.Atoi(count)
	switch {
	case !ok || !slices.Contains(serviceNames, name):
		return fmt.Errorf("%q is not service=N with service openprovider, ecurring or kyc", v)
	case err != nil || n < 0 || n > maxSeed:
		return fmt.Errorf("%q: N is a number of customers from 0 to %d", v, maxSeed)
	}
	c[name] = n
	return nil
}

// readKYCPublicKey reads a PEM PKIX public key on P-384 or P-256. Errors
// never quote the file's contents.
func readKYCPublicKey(file string) (*ecdsa.PublicKey, error) {
	data, err := os.ReadFile(file) //nolint:gosec // G304: the file the operator named with -kyc-public-key
	if err != nil {
		return nil, fmt.Errorf("sandbox: -kyc-public-key: %w", err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, fmt.Errorf("sandbox: -kyc-public-key %s: no PEM block found", file)
	}
	if block.Type != "PUBLIC KEY" {
		return nil, fmt.Errorf("sandbox: -kyc-public-key %s: PEM block is %q, want \"PUBLIC KEY\" (PKIX; give the public half only)", file, safePEMType(block.Type))
	}
	key, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("sandbox: -kyc-public-key %s: %w", file, err)
	}
	pub, ok := key.(*ecdsa.PublicKey)
	if !ok || kycAlgFor(pub) == "" {
		return nil, fmt.Errorf("sandbox: -kyc-public-key %s: want an EC key on P-384 or P-256", file)
	}
	return pub, nil
}

func safePEMType(t string) string {
	if len(t) > 40 {
		return t[:40] + "..."
	}
	return t
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
