package providerdata

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/validate"
)

// Settings reads one service's block of the provider configuration. Each setting comes from the
// block, else from the environment variable <SERVICE>_<NAME> (OPENPROVIDER_USERNAME, say).
type Settings struct {
	service        string
	defaultBaseURL string
	userAgent      string
	attrs          map[string]attr.Value // empty for a null block: every setting then comes from the environment
	diags          *diag.Diagnostics
	unknown        bool     // a setting depends on values computed during apply
	missing        []string // the credentials that are empty, described for the user
}

// NewSettings reads service's block; userAgent is what its requests send.
func NewSettings(block types.Object, service Service, userAgent string, diags *diag.Diagnostics) *Settings {
	return &Settings{service: service.Name, defaultBaseURL: service.DefaultBaseURL, userAgent: userAgent,
		attrs: block.Attributes(), diags: diags, unknown: block.IsUnknown()}
}

func (s *Settings) path(name string) path.Path { return path.Root(s.service).AtName(name) }

func (s *Settings) env(name string) string { return strings.ToUpper(s.service + "_" + name) }

// lookup returns the configured value of a setting, else its environment variable's, and
// whether it was configured.
func (s *Settings) lookup(name string) (value string, configured bool) {
	var v attr.Value = types.StringNull()
	if a, ok := s.attrs[name]; ok {
		v = a
	}
	switch {
	case v.IsUnknown():
		s.unknown = true
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
	return os.Getenv(s.env(name)), false
}

// Text is a setting's value.
func (s *Settings) Text(name string) string {
	value, _ := s.lookup(name)
	return value
}

// Credential is a setting's value; the service is not connected while one is empty, and the
// error names every empty one.
func (s *Settings) Credential(name string) string {
	value := s.Text(name)
	if strings.TrimSpace(value) == "" {
		s.missing = append(s.missing, fmt.Sprintf("%q in the provider's %s block or the %s environment variable", name, s.service, s.env(name)))
	}
	return value
}

// BaseURL is the base_url setting, else the service's production API. The schema checks
// configured ones; one from the environment is checked here.
func (s *Settings) BaseURL() string {
	value, configured := s.lookup("base_url")
	if value == "" {
		return s.defaultBaseURL
	}
	if !configured {
		if err := validate.CheckBaseURL(value); err != nil {
			s.diags.AddAttributeError(s.path("base_url"), "Invalid base URL in "+s.env("base_url"), fmt.Sprintf("%s %s.", s.env("base_url"), err))
		}
	}
	return value
}

// HTTP is how the service's requests are paced and retried: rate_limit and max_retries. The
// schema validates configured values; environment values are checked here.
func (s *Settings) HTTP() httpclient.Config {
	cfg := httpclient.Config{UserAgent: s.userAgent}
	if value, configured := s.lookup("rate_limit"); value != "" {
		rate, err := strconv.ParseFloat(value, 64)
		if !configured && (err != nil || rate < 0.001) {
			s.diags.AddAttributeError(s.path("rate_limit"), "Invalid "+s.env("rate_limit"),
				fmt.Sprintf("%s must be a number of requests per second of at least 0.001, got: %q.", s.env("rate_limit"), value))
		}
		cfg.RateLimit = rate
	}
	if value, configured := s.lookup("max_retries"); value != "" {
		retries, err := strconv.Atoi(value)
		if !configured && (err != nil || retries < 0 || retries > 10) {
			s.diags.AddAttributeError(s.path("max_retries"), "Invalid "+s.env("max_retries"),
				fmt.Sprintf("%s must be a whole number between 0 and 10, got: %q.", s.env("max_retries"), value))
		}
		cfg.MaxRetries = &retries
	}
	return cfg
}

// AttributeError reports a problem with the setting name, such as a key that does not parse.
func (s *Settings) AttributeError(name, summary, detail string) {
	s.diags.AddAttributeError(s.path(name), summary, detail)
}

// missingCredentials names every empty credential, or is nil.
func (s *Settings) missingCredentials(title string) error {
	if len(s.missing) == 0 {
		return nil
	}
	//nolint:revive // error-strings: shown whole as a diagnostic, so a full sentence
	return fmt.Errorf("%s credentials are missing: set %s.", title, strings.Join(s.missing, ", and "))
}
