package provider

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/ecurringapi"
	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
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
type providerModel struct {
	Openprovider types.Object `tfsdk:"openprovider"`
	Ecurring     types.Object `tfsdk:"ecurring"`
	KYC          types.Object `tfsdk:"kyc"`
}

// services is the provider data every resource and data source receives. Each service's client
// is built once per provider configuration; a service without credentials carries the error its
// resources report at plan time. A nil client with a nil error means "not known yet".
type services struct {
	openprovider    *openproviderapi.Client
	openproviderErr error
	ecurring        *ecurringapi.Client
	ecurringErr     error
	kyc             *kycapi.Client
	kycErr          error
}

func (s *services) OpenproviderClient() (*openproviderapi.Client, error) {
	return s.openprovider, s.openproviderErr
}

func (s *services) EcurringClient() (*ecurringapi.Client, error) {
	return s.ecurring, s.ecurringErr
}

func (s *services) KYCClient() (*kycapi.Client, error) {
	return s.kyc, s.kycErr
}

// newServices builds each service's client from its settings: the provider's block for the
// service, else the environment. Openprovider's login sessions come from sessions, which the
// provider keeps for its process.
func newServices(version string, config *providerModel, sessions *openproviderapi.Sessions, diags *diag.Diagnostics) *services {
	userAgent := "terraform-provider-customers/" + version
	s := &services{}

	op := readBlock(config.Openprovider, "openprovider", diags)
	opSettings := openproviderapi.Settings{
		Username: op.credential("username"),
		Password: op.credential("password"),
		BaseURL:  op.baseURL(defaultOpenproviderURL),
		HTTP:     op.http(userAgent),
		Sessions: sessions,
	}
	if !op.unknown {
		if s.openproviderErr = op.missingCredentials(); s.openproviderErr == nil {
			s.openprovider = openproviderapi.New(opSettings)
		}
	}

	ec := readBlock(config.Ecurring, "ecurring", diags)
	ecSettings := ecurringapi.Settings{APIKey: ec.credential("api_key"), BaseURL: ec.baseURL(defaultEcurringURL), HTTP: ec.http(userAgent)}
	if !ec.unknown {
		if s.ecurringErr = ec.missingCredentials(); s.ecurringErr == nil {
			s.ecurring, s.ecurringErr = ecurringapi.New(ecSettings)
		}
	}

	k := readBlock(config.KYC, "kyc", diags)
	kycSettings := kycapi.Settings{APIKey: k.credential("api_key"), BaseURL: k.baseURL(defaultKYCURL), HTTP: k.http(userAgent)}
	signingKey := k.text("signing_key")
	if !k.unknown {
		s.kycErr = k.missingCredentials()
		signer, signerErr := kycSigner(signingKey, kycSettings.BaseURL, diags)
		if s.kycErr == nil {
			s.kycErr = signerErr
		}
		if s.kycErr == nil {
			kycSettings.Signer = signer
			s.kyc, s.kycErr = kycapi.New(kycSettings)
		}
	}
	return s
}

// kycSigner parses the signing key once per provider process. Without one, only a sandbox API
// key created without a signing key works, so production without a key fails at plan time.
func kycSigner(pem, baseURL string, diags *diag.Diagnostics) (*kycapi.Signer, error) {
	if strings.TrimSpace(pem) == "" {
		if u, err := url.Parse(baseURL); err == nil && u.Hostname() == productionKYCHost {
			//nolint:revive // error-strings: shown whole as a diagnostic, so a capitalised sentence
			return nil, errors.New(`NOAH's production API requires signed requests: set "signing_key" in the provider's kyc block or the KYC_SIGNING_KEY environment variable to your PEM private key.`)
		}
		return nil, nil
	}
	signer, err := kycapi.ParseSigningKey(pem)
	if err != nil {
		diags.AddAttributeError(path.Root("kyc").AtName("signing_key"), "Invalid NOAH signing key",
			"The signing key from kyc.signing_key or KYC_SIGNING_KEY cannot be used: "+err.Error()+".")
		return nil, fmt.Errorf("the NOAH signing key is invalid: %w", err)
	}
	return signer, nil
}

// block is one service's block of the provider configuration. Each setting comes from the
// block, else from the environment variable <SERVICE>_<NAME> (OPENPROVIDER_USERNAME, say).
// unknown is set when a setting depends on values computed during apply.
type block struct {
	service string
	attrs   map[string]attr.Value // empty for a null block: every setting then comes from the environment
	diags   *diag.Diagnostics
	unknown bool
	missing []string // the credentials that are empty, described for the user
}

func readBlock(object types.Object, service string, diags *diag.Diagnostics) *block {
	return &block{service: service, attrs: object.Attributes(), diags: diags, unknown: object.IsUnknown()}
}

func (b *block) path(name string) path.Path { return path.Root(b.service).AtName(name) }

func (b *block) env(name string) string { return strings.ToUpper(b.service + "_" + name) }

// lookup returns the configured value of a setting, else its environment variable's, and
// whether it was configured.
func (b *block) lookup(name string) (value string, configured bool) {
	var v attr.Value = types.StringNull()
	if a, ok := b.attrs[name]; ok {
		v = a
	}
	switch {
	case v.IsUnknown():
		b.unknown = true
		return "", true
	case !v.IsNull():
		switch typed := v.(type) {
		case types.String:
			return typed.ValueString(), true
		case types.Float64:
			return strconv.FormatFloat(typed.ValueFloat64(), 'g', -1, 64), true
		case types.Int64:
			return strconv.FormatInt(typed.ValueInt64(), 10), true
		}
	}
	return os.Getenv(b.env(name)), false
}

// text is a setting's value.
func (b *block) text(name string) string {
	value, _ := b.lookup(name)
	return value
}

// credential is a setting's value; an empty one is reported by missingCredentials.
func (b *block) credential(name string) string {
	value := b.text(name)
	if strings.TrimSpace(value) == "" {
		b.missing = append(b.missing, fmt.Sprintf("%q in the provider's %s block or the %s environment variable", name, b.service, b.env(name)))
	}
	return value
}

// baseURL is the base_url setting, else def. The schema checks configured ones; one from the
// environment is checked here.
func (b *block) baseURL(def string) string {
	value, configured := b.lookup("base_url")
	if value == "" {
		return def
	}
	if !configured {
		if err := validate.CheckBaseURL(value); err != nil {
			b.diags.AddAttributeError(b.path("base_url"), "Invalid base URL in "+b.env("base_url"), fmt.Sprintf("%s %s.", b.env("base_url"), err))
		}
	}
	return value
}

// http is how the service's requests are paced and retried: rate_limit and max_retries. The
// schema validates configured values; environment values are checked here.
func (b *block) http(userAgent string) httpclient.Config {
	cfg := httpclient.Config{UserAgent: userAgent}
	if value, configured := b.lookup("rate_limit"); value != "" {
		rate, err := strconv.ParseFloat(value, 64)
		if !configured && (err != nil || rate < 0.001) {
			b.diags.AddAttributeError(b.path("rate_limit"), "Invalid "+b.env("rate_limit"),
				fmt.Sprintf("%s must be a number of requests per second of at least 0.001, got: %q.", b.env("rate_limit"), value))
		}
		cfg.RateLimit = rate
	}
	if value, configured := b.lookup("max_retries"); value != "" {
		retries, err := strconv.Atoi(value)
		if !configured && (err != nil || retries < 0 || retries > 10) {
			b.diags.AddAttributeError(b.path("max_retries"), "Invalid "+b.env("max_retries"),
				fmt.Sprintf("%s must be a whole number between 0 and 10, got: %q.", b.env("max_retries"), value))
		}
		cfg.MaxRetries = &retries
	}
	return cfg
}

// serviceNames are the services' names as users know them, for messages.
var serviceNames = map[string]string{"openprovider": "Openprovider", "ecurring": "eCurring", "kyc": "NOAH (kyc)"}

// missingCredentials names every empty credential, or is nil.
func (b *block) missingCredentials() error {
	if len(b.missing) == 0 {
		return nil
	}
	//nolint:revive // error-strings: shown whole as a diagnostic, so a full sentence
	return fmt.Errorf("%s credentials are missing: set %s.", serviceNames[b.service], strings.Join(b.missing, ", and "))
}
