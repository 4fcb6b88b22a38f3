package openprovider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/openproviderapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

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
			svc := Service()
			clients := providerdata.NewClients()
			clients.Connect(svc, providerdata.NewSettings(tc.config, svc, "test", &diags))
			client, err := providerdata.ClientOf[openproviderapi.Client](clients, serviceName)
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
