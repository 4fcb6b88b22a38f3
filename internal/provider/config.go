package provider

import (
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/ecurring"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/kyc"
	"github.com/customerhandles/terraform-provider-customers/internal/openprovider"
	"github.com/customerhandles/terraform-provider-customers/internal/validate"
)

const (
	defaultOpenproviderURL = "https://api.openprovider.eu/v1beta"
	defaultEcurringURL     = "https://api.ecurring.com"
	defaultKYCURL          = "https://api.noah.com/v1"
	productionKYCHost      = "api.noah.com"
)

// providerModel keeps each service as an object value: a whole object may be unknown at plan
// time (built from other resources), which a Go struct cannot hold.
// providerModel keeps each service as an object value: a whole object may be unknown at plan
// time (built from other resources), which a Go struct cannot hold.
type providerModel struct {
	Openprovider types.Object `tfsdk:"openprovider"`
	Ecurring     types.Object `tfsdk:"ecurring"`
	KYC          types.Object `tfsdk:"kyc"`
}

// services is the provider data every resource and data source receives. Each service's client
// is built once per provider process; a service without credentials carries the error its
// resources report at plan time. A nil client with a nil error means "not known yet".
type services struct {
	openprovider    *openprovider.Client
	openproviderErr error
	ecurring        *ecurring.Client
	ecurringErr     error
	kyc             *kyc.Client
	kycErr          error
}

func (s *services) OpenproviderClient() (*openprovider.Client, error) {
	return s.openprovider, s.openproviderErr
}

func (s *services) EcurringClient() (*ecurring.Client, error) {
	return s.ecurring, s.ecurringErr
}

func (s *services) KYCClient() (*kyc.Client, error) {
	return s.kyc, s.kycErr
}

func newServices(version string, config *providerModel, diags *diag.Diagnostics) *services {
	userAgent := "terraform-provider-customers/" + version
	httpClient := func(object types.Object, service, envPrefix string, transient func(*httpclient.Response) bool) *httpclient.Client {
		t := resolveTuning(object, service, envPrefix, diags)
		return httpclient.New(httpclient.Config{
			Service: service, UserAgent: userAgent, RateLimit: t.rateLimit, MaxRetries: t.maxRetries, Transient: transient,
		})
	}
	s := &services{}

	if op, known, err := resolve(config.Openprovider, "openprovider", "OPENPROVIDER", defaultOpenproviderURL, diags, []string{"username", "password"}); known {
		s.openproviderErr = err
		if err == nil {
			s.openprovider = openprovider.NewClient(openprovider.Config{
				Username: op["username"],
				Password: op["password"],
				BaseURL:  op["base_url"],
			}, httpClient(config.Openprovider, "openprovider", "OPENPROVIDER", openprovider.Transient))
		}
	}
	if ec, known, err := resolve(config.Ecurring, "ecurring", "ECURRING", defaultEcurringURL, diags, []string{"api_key"}); known {
		s.ecurringErr = err
		if err == nil {
			s.ecurring, s.ecurringErr = ecurring.NewClient(ecurring.Config{APIKey: ec["api_key"], BaseURL: ec["base_url"]}, httpClient(config.Ecurring, "ecurring", "ECURRING", ecurring.Transient))
		}
	}
	if k, known, err := resolve(config.KYC, "kyc", "KYC", defaultKYCURL, diags, []string{"api_key"}, "signing_key"); known {
		s.kycErr = err
		signer, signerErr := kycSigner(k, diags)
		if err == nil && signerErr != nil {
			s.kycErr = signerErr
		}
		if s.kycErr == nil {
			s.kyc, s.kycErr = kyc.NewClient(kyc.Config{APIKey: k["api_key"], BaseURL: k["base_url"], Signer: signer}, httpClient(config.KYC, "kyc", "KYC", kyc.Transient))
		}
	}
	return s
}

// kycSigner parses the signing key once per provider process. Without one, only a sandbox API
// key created without a signing key works, so production without a key fails at plan time.
func kycSigner(settings map[string]string, diags *diag.Diagnostics) (*kyc.Signer, error) {
	pem := settings["signing_key"]
	if strings.TrimSpace(pem) == "" {
		if u, err := url.Parse(settings["base_url"]); err == nil && u.Hostname() == productionKYCHost {
			//nolint:revive // error-strings: shown whole as a diagnostic, so a capitalised sentence
			return nil, fmt.Errorf(`NOAH's production API requires signed requests: set "signing_key" in the provider's kyc block or the KYC_SIGNING_KEY environment variable to your PEM private key.`)
		}
		return nil, nil
	}
	signer, err := kyc.ParseSigningKey(pem)
	if err != nil {
		diags.AddAttributeError(path.Root("kyc").AtName("signing_key"), "Invalid NOAH signing key",
			"The signing key from kyc.signing_key or KYC_SIGNING_KEY cannot be used: "+err.Error()+".")
		return nil, fmt.Errorf("the NOAH signing key is invalid: %w", err)
	}
	return signer, nil
}

// resolve reads one service object: each credential (and optional setting) from the object or
// else the environment variable <PREFIX>_<NAME>, and base_url the same way with a default. known is false while a
// setting is unknown (it depends on values computed during apply); err names every missing
// credential. A base URL from the environment is checked here (the schema checks configured ones).
func resolve(object types.Object, service, envPrefix, defaultURL string, diags *diag.Diagnostics, credentials []string, optional ...string) (values map[string]string, known bool, err error) {
	if object.IsUnknown() {
		return nil, false, nil
	}
	attrs := object.Attributes() // empty for a null object: every setting then comes from the environment
	lookup := func(name string) (string, bool, setting) {
		st := setting{path: path.Root(service).AtName(name), env: envPrefix + "_" + strings.ToUpper(name)}
		if v, ok := attrs[name].(types.String); ok {
			st.value = v
		}
		value, ok := st.resolve()
		return value, ok, st
	}

	values = map[string]string{}
	var missing []setting
	for _, name := range credentials {
		value, ok, st := lookup(name)
		if !ok {
			return nil, false, nil
		}
		if strings.TrimSpace(value) == "" {
			missing = append(missing, st)
		}
		values[name] = value
	}
	for _, name := range optional {
		value, ok, _ := lookup(name)
		if !ok {
			return nil, false, nil
		}
		values[name] = value
	}
	baseURL, ok, st := lookup("base_url")
	if !ok {
		return nil, false, nil
	}
	if baseURL != "" && st.value.IsNull() {
		if err := validate.CheckBaseURL(baseURL); err != nil {
			diags.AddAttributeError(st.path, "Invalid base URL in "+st.env, fmt.Sprintf("%s %s.", st.env, err))
		}
	}
	values["base_url"] = orDefault(baseURL, defaultURL)
	if len(missing) > 0 {
		return values, true, missingCredentials(service, missing)
	}
	return values, true, nil
}

// tuning is how a service's HTTP client paces and retries its requests.
type tuning struct {
	rateLimit  float64 // requests per second; 0 is no limit
	maxRetries int     // in httpclient's terms: 0 is no cap (retries last the operation's timeout), negative none
}

// resolveTuning reads rate_limit and max_retries from the object, else <PREFIX>_RATE_LIMIT and
// <PREFIX>_MAX_RETRIES. The schema validates configured values; environment values are checked here.
func resolveTuning(object types.Object, service, envPrefix string, diags *diag.Diagnostics) tuning {
	var t tuning
	attrs := object.Attributes()
	if v, ok := attrs["rate_limit"].(types.Float64); ok && !v.IsNull() {
		t.rateLimit = v.ValueFloat64()
	} else if env := os.Getenv(envPrefix + "_RATE_LIMIT"); env != "" {
		rate, err := strconv.ParseFloat(env, 64)
		if err != nil || rate < 0.001 {
			diags.AddAttributeError(path.Root(service).AtName("rate_limit"), "Invalid "+envPrefix+"_RATE_LIMIT",
				fmt.Sprintf("%s_RATE_LIMIT must be a number of requests per second of at least 0.001, got: %q.", envPrefix, env))
		}
		t.rateLimit = rate
	}
	configured := true
	if v, ok := attrs["max_retries"].(types.Int64); ok && !v.IsNull() {
		t.maxRetries = int(v.ValueInt64())
	} else if env := os.Getenv(envPrefix + "_MAX_RETRIES"); env != "" {
		retries, err := strconv.Atoi(env)
		if err != nil || retries < 0 || retries > 10 {
			diags.AddAttributeError(path.Root(service).AtName("max_retries"), "Invalid "+envPrefix+"_MAX_RETRIES",
				fmt.Sprintf("%s_MAX_RETRIES must be a whole number between 0 and 10, got: %q.", envPrefix, env))
		}
		t.maxRetries = retries
	} else {
		configured = false
	}
	if configured && t.maxRetries == 0 {
		t.maxRetries = -1 // httpclient reads 0 as "no cap"
	}
	return t
}

// setting is one provider attribute with its environment fallback.
type setting struct {
	path  path.Path
	env   string
	value types.String
}

// resolve returns the configured value, else the environment's; known is false while the
// configuration is unknown.
func (s setting) resolve() (value string, known bool) {
	if s.value.IsUnknown() {
		return "", false
	}
	if !s.value.IsNull() {
		return s.value.ValueString(), true
	}
	return os.Getenv(s.env), true
}

func (s setting) describe() string {
	return fmt.Sprintf("%q in the provider's %s block or the %s environment variable", s.path.Steps()[len(s.path.Steps())-1], s.path.Steps()[0], s.env)
}

// serviceNames are the services' names as users know them, for messages.
var serviceNames = map[string]string{"openprovider": "Openprovider", "ecurring": "eCurring", "kyc": "NOAH (kyc)"}

func missingCredentials(service string, missing []setting) error {
	parts := make([]string, len(missing))
	for i, s := range missing {
		parts[i] = s.describe()
	}
	//nolint:revive // error-strings: shown whole as a diagnostic, so a full sentence
	return fmt.Errorf("%s credentials are missing: set %s.", serviceNames[service], strings.Join(parts, ", and "))
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
