package provider

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

// TestSchemasAreValid asks the provider server for every schema, which validates each one the
// way Terraform would when it loads the provider.
func TestSchemasAreValid(t *testing.T) {
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("%s: %s: %s", d.Severity, d.Summary, d.Detail)
	}
	for _, name := range []string{"openprovider_customer", "ecurring_customer", "kyc_customer"} {
		if resp.ResourceSchemas[name] == nil {
			t.Errorf("resource %s is missing", name)
		}
		if resp.DataSourceSchemas[name] == nil {
			t.Errorf("data source %s is missing", name)
		}
	}
	if resp.DataSourceSchemas["ecurring_customers"] == nil {
		t.Error("data source ecurring_customers is missing")
	}
	for _, service := range []string{"openprovider", "ecurring", "kyc"} {
		if !hasAttribute(resp.Provider, service) {
			t.Errorf("provider schema lacks %q", service)
		}
	}
}

func hasAttribute(s *tfprotov6.Schema, name string) bool {
	for _, a := range s.Block.Attributes {
		if a.Name == name {
			return true
		}
	}
	return false
}

func TestOpenproviderSettings(t *testing.T) {
	str := types.StringValue
	null := types.StringNull()
	cases := []struct {
		name       string
		env        map[string]string
		config     types.Object
		wantErr    string
		wantClient bool
		wantDiag   string
	}{
		{name: "from config", config: opConfig(str("u"), str("p"), null), wantClient: true},
		{name: "from environment", env: map[string]string{"OPENPROVIDER_USERNAME": "u", "OPENPROVIDER_PASSWORD": "p"}, wantClient: true},
		{name: "config wins over environment", env: map[string]string{"OPENPROVIDER_USERNAME": "", "OPENPROVIDER_PASSWORD": ""},
			config: opConfig(str("u"), str("p"), null), wantClient: true},
		{name: "nothing", wantErr: `Openprovider credentials are missing: set "username" in the provider's openprovider block or the OPENPROVIDER_USERNAME environment variable, and "password" in the provider's openprovider block or the OPENPROVIDER_PASSWORD environment variable.`},
		{name: "no password", env: map[string]string{"OPENPROVIDER_USERNAME": "u"}, wantErr: `set "password" in the provider's openprovider block or the OPENPROVIDER_PASSWORD environment variable.`},
		{name: "unknown attribute", config: opConfig(types.StringUnknown(), str("p"), null)},
		{name: "unknown object", config: types.ObjectUnknown(opAttrTypes)},
		{name: "insecure env base url", env: map[string]string{"OPENPROVIDER_USERNAME": "u", "OPENPROVIDER_PASSWORD": "p", "OPENPROVIDER_BASE_URL": "http://example.com"},
			wantClient: true, wantDiag: "OPENPROVIDER_BASE_URL must use https://"},
		// The whole message, to show it carries neither the user name nor the password.
		{name: "credentials in env base url", env: map[string]string{"OPENPROVIDER_USERNAME": "u", "OPENPROVIDER_PASSWORD": "p", "OPENPROVIDER_BASE_URL": "https://jane:s3cret-pw@api.openprovider.eu/v1beta"},
			wantClient: true, wantDiag: `OPENPROVIDER_BASE_URL must not carry a user name or password: set the credentials in the provider's settings, not in the URL, got: "https://api.openprovider.eu/v1beta" (credentials left out).`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range []string{"OPENPROVIDER_USERNAME", "OPENPROVIDER_PASSWORD", "OPENPROVIDER_BASE_URL"} {
				t.Setenv(k, tc.env[k])
			}
			var diags diag.Diagnostics
			s := newServices("test", &providerModel{Openprovider: tc.config}, nil, &diags)
			client, err := s.OpenproviderClient()
			if (client != nil) != tc.wantClient {
				t.Errorf("client = %v, want client %v", client, tc.wantClient)
			}
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("err = %v, want %q", err, tc.wantErr)
			}
			got := ""
			for _, d := range diags {
				got += d.Detail()
			}
			if tc.wantDiag == "" && got != "" || !strings.Contains(got, tc.wantDiag) {
				t.Errorf("diagnostics = %q, want %q", got, tc.wantDiag)
			}
			if strings.Contains(got, "s3cret") || strings.Contains(got, "jane") {
				t.Errorf("diagnostics show a credential: %q", got)
			}
		})
	}
}

var opAttrTypes = map[string]attr.Type{"username": types.StringType, "password": types.StringType, "base_url": types.StringType}

func opConfig(username, password, baseURL types.String) types.Object {
	return types.ObjectValueMust(opAttrTypes, map[string]attr.Value{"username": username, "password": password, "base_url": baseURL})
}

func TestKYCSettings(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	goodPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))

	cases := []struct {
		name       string
		env        map[string]string
		wantClient bool
		wantErr    string
		wantDiag   string
	}{
		{name: "signed", env: map[string]string{"KYC_API_KEY": "k", "KYC_SIGNING_KEY": goodPEM}, wantClient: true},
		{name: "unsigned sandbox", env: map[string]string{"KYC_API_KEY": "k", "KYC_BASE_URL": "https://api.sandbox.noah.com/v1"}, wantClient: true},
		{name: "unsigned production", env: map[string]string{"KYC_API_KEY": "k"},
			wantErr: `NOAH's production API requires signed requests: set "signing_key" in the provider's kyc block or the KYC_SIGNING_KEY environment variable`},
		{name: "bad key", env: map[string]string{"KYC_API_KEY": "k", "KYC_SIGNING_KEY": "not a key"},
			wantErr: "the NOAH signing key is invalid", wantDiag: "The signing key from kyc.signing_key or KYC_SIGNING_KEY cannot be used: no PEM block found"},
		{name: "no api key", env: map[string]string{"KYC_SIGNING_KEY": goodPEM},
			wantErr: `NOAH (kyc) credentials are missing: set "api_key" in the provider's kyc block or the KYC_API_KEY environment variable.`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range []string{"KYC_API_KEY", "KYC_SIGNING_KEY", "KYC_BASE_URL"} {
				t.Setenv(k, tc.env[k])
			}
			var diags diag.Diagnostics
			client, err := newServices("test", &providerModel{}, nil, &diags).KYCClient()
			if (client != nil) != tc.wantClient {
				t.Errorf("client = %v, want a client: %v", client, tc.wantClient)
			}
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("err = %v, want %q", err, tc.wantErr)
			}
			got := ""
			for _, d := range diags {
				got += d.Detail()
			}
			if tc.wantDiag == "" && got != "" || !strings.Contains(got, tc.wantDiag) {
				t.Errorf("diagnostics = %q, want %q", got, tc.wantDiag)
			}
		})
	}
}

func TestHTTPSettings(t *testing.T) {
	tuned := types.ObjectValueMust(
		map[string]attr.Type{"rate_limit": types.Float64Type, "max_retries": types.Int64Type},
		map[string]attr.Value{"rate_limit": types.Float64Value(0.45), "max_retries": types.Int64Value(0)})
	cases := []struct {
		name     string
		object   types.Object
		env      map[string]string
		want     httpclient.Config
		wantDiag string
	}{
		{name: "defaults: no cap, retries last the timeouts", object: types.ObjectNull(nil), want: httpclient.Config{}},
		{name: "configured; zero retries means none", object: tuned, want: httpclient.Config{RateLimit: 0.45, MaxRetries: new(0)}},
		{name: "environment", object: types.ObjectNull(nil), env: map[string]string{"X_RATE_LIMIT": "2.5", "X_MAX_RETRIES": "7"},
			want: httpclient.Config{RateLimit: 2.5, MaxRetries: new(7)}},
		{name: "configuration wins", object: tuned, env: map[string]string{"X_RATE_LIMIT": "9"}, want: httpclient.Config{RateLimit: 0.45, MaxRetries: new(0)}},
		{name: "bad rate", object: types.ObjectNull(nil), env: map[string]string{"X_RATE_LIMIT": "fast"},
			want: httpclient.Config{}, wantDiag: `X_RATE_LIMIT must be a number of requests per second of at least 0.001, got: "fast".`},
		{name: "bad retries", object: types.ObjectNull(nil), env: map[string]string{"X_MAX_RETRIES": "11"},
			want: httpclient.Config{MaxRetries: new(11)}, wantDiag: `X_MAX_RETRIES must be a whole number between 0 and 10, got: "11".`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("X_RATE_LIMIT", tc.env["X_RATE_LIMIT"])
			t.Setenv("X_MAX_RETRIES", tc.env["X_MAX_RETRIES"])
			var diags diag.Diagnostics
			got := readBlock(tc.object, "x", &diags).http("")
			if tc.wantDiag == "" && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("tuning = %+v, want %+v", got, tc.want)
			}
			detail := ""
			for _, d := range diags {
				detail += d.Detail()
			}
			if detail != tc.wantDiag {
				t.Errorf("diagnostics = %q, want %q", detail, tc.wantDiag)
			}
		})
	}
}
