package kyc

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

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
			svc := Service()
			clients := providerdata.NewClients()
			clients.Connect(svc, providerdata.NewSettings(types.ObjectNull(nil), svc, "test", &diags))
			client, err := providerdata.ClientOf[kycapi.Client](clients, serviceName)
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
