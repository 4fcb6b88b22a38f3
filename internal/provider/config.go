package provider

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/openprovider"
	"github.com/customerhandles/terraform-provider-customers/internal/validate"
)

const (
	defaultOpenproviderURL = "https://api.openprovider.eu/v1beta"
	defaultEcurringURL     = "https://api.ecurring.com"
	defaultKYCURL          = "https://api.noah.com/v1"
)

// providerModel keeps each service as an object value: a whole object may be unknown at plan
// time (built from other resources), which a Go struct cannot hold.
type providerModel struct {
	Openprovider types.Object `tfsdk:"openprovider"`
	Ecurring     types.Object `tfsdk:"ecurring"`
	KYC          types.Object `tfsdk:"kyc"`
}

type openproviderModel struct {
	Username types.String `tfsdk:"username"`
	Password types.String `tfsdk:"password"`
	BaseURL  types.String `tfsdk:"base_url"`
}

type ecurringModel struct {
	APIKey  types.String `tfsdk:"api_key"`
	BaseURL types.String `tfsdk:"base_url"`
}

type kycModel struct {
	APIKey     types.String `tfsdk:"api_key"`
	SigningKey types.String `tfsdk:"signing_key"`
	BaseURL    types.String `tfsdk:"base_url"`
}

// services is the provider data every resource and data source receives. Each service's client
// is built once per provider process; a service without credentials carries the error its
// resources report at plan time.
type services struct {
	openprovider    *openprovider.Client
	openproviderErr error
}

func (s *services) OpenproviderClient() (*openprovider.Client, error) {
	return s.openprovider, s.openproviderErr
}

// setting is one provider attribute with its environment fallback.
type setting struct {
	path  path.Path
	env   string
	value types.String
}

// resolve returns the configured value, else the environment's; known is false while the
// configuration is unknown (it depends on values computed during apply).
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

func newServices(ctx context.Context, version string, config *providerModel, diags *diag.Diagnostics) *services {
	userAgent := "terraform-provider-customers/" + version
	s := &services{}

	if config.Openprovider.IsUnknown() {
		return s
	}
	op := openproviderModel{Username: types.StringNull(), Password: types.StringNull(), BaseURL: types.StringNull()}
	if !config.Openprovider.IsNull() {
		diags.Append(config.Openprovider.As(ctx, &op, basetypes.ObjectAsOptions{})...)
	}
	root := path.Root("openprovider")
	values, missing, known := resolveAll(diags,
		setting{root.AtName("username"), "OPENPROVIDER_USERNAME", op.Username},
		setting{root.AtName("password"), "OPENPROVIDER_PASSWORD", op.Password},
		setting{root.AtName("base_url"), "OPENPROVIDER_BASE_URL", op.BaseURL},
	)
	switch {
	case !known:
	case len(missing) > 0:
		s.openproviderErr = missingCredentials("Openprovider", missing)
	default:
		s.openprovider = openprovider.NewClient(openprovider.Config{
			Username: values[0],
			Password: values[1],
			BaseURL:  orDefault(values[2], defaultOpenproviderURL),
		}, httpclient.New(httpclient.Config{Service: "openprovider", UserAgent: userAgent}))
	}
	return s
}

// resolveAll resolves settings in order. The last one is the service's base URL, which may be
// empty (the default applies) and is checked here when it comes from the environment (the
// schema's validator checks configured values). The others are credentials.
func resolveAll(diags *diag.Diagnostics, settings ...setting) (values []string, missing []setting, known bool) {
	known = true
	for i, s := range settings {
		v, ok := s.resolve()
		known = known && ok
		values = append(values, v)
		isBaseURL := i == len(settings)-1
		switch {
		case !ok:
		case isBaseURL && v != "" && s.value.IsNull():
			if err := validate.CheckBaseURL(v); err != nil {
				diags.AddAttributeError(s.path, "Invalid base URL in "+s.env, fmt.Sprintf("%s %s.", s.env, err))
			}
		case !isBaseURL && strings.TrimSpace(v) == "":
			missing = append(missing, s)
		}
	}
	return values, missing, known
}

func missingCredentials(service string, missing []setting) error {
	parts := make([]string, len(missing))
	for i, s := range missing {
		parts[i] = s.describe()
	}
	return fmt.Errorf("%s credentials are missing: set %s.", service, strings.Join(parts, ", and "))
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
