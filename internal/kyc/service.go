// Package kyc is the kyc_customer resource and data source: NOAH Business API customers (KYC,
// Reliance model) in Terraform's terms, on top of the kycapi client.
package kyc

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/customerhandles/terraform-provider-customers/internal/kycapi"
	"github.com/customerhandles/terraform-provider-customers/internal/providerdata"
)

const (
	serviceName       = "kyc"
	vendor            = "NOAH"
	productionKYCHost = "api.noah.com"
)

// Service is NOAH's part of the provider.
func Service() providerdata.Service {
	return providerdata.Service{
		Name:        serviceName,
		Title:       "NOAH (kyc)",
		Description: "NOAH Business API access, for `kyc_customer`.",
		Settings: map[string]schema.Attribute{
			"api_key": providerdata.Setting(serviceName, "api_key", "API key.", true),
			"signing_key": providerdata.Setting(serviceName, "signing_key", "PEM-encoded ECDSA private key (P-384 or P-256) that "+
				"signs every request, such as `file(\"noah.pem\")`.", true),
		},
		DefaultBaseURL: "https://" + productionKYCHost + "/v1",
		BaseURLNote:    " NOAH's sandbox is `https://api.sandbox.noah.com/v1`.",
		RateLimitNote:  " NOAH documents no limit for these endpoints.",
		Connect: func(s *providerdata.Settings) (any, error) {
			settings := kycapi.Settings{APIKey: s.Credential("api_key"), BaseURL: s.BaseURL(), HTTP: s.HTTP()}
			signer, err := signer(s, settings.BaseURL)
			if err != nil {
				return nil, err
			}
			settings.Signer = signer
			return kycapi.New(settings)
		},
		Resources:     []func() resource.Resource{NewCustomerResource},
		DataSources:   []func() datasource.DataSource{NewCustomerDataSource, NewCustomersDataSource},
		ListResources: []func() list.ListResource{NewCustomerListResource},
	}
}

// signer parses the signing key. Without one, only a sandbox API key created without a
// signing key works, so production without a key fails at plan time.
func signer(s *providerdata.Settings, baseURL string) (*kycapi.Signer, error) {
	pem := s.Text("signing_key")
	if strings.TrimSpace(pem) == "" {
		if u, err := url.Parse(baseURL); err == nil && u.Hostname() == productionKYCHost {
			//nolint:revive // error-strings: shown whole as a diagnostic, so a capitalised sentence
			return nil, errors.New(`NOAH's production API requires signed requests: set "signing_key" in the provider's kyc block or the KYC_SIGNING_KEY environment variable to your PEM private key.`)
		}
		return nil, nil
	}
	signer, err := kycapi.ParseSigningKey(pem)
	if err != nil {
		s.AttributeError("signing_key", "Invalid NOAH signing key",
			"The signing key from kyc.signing_key or KYC_SIGNING_KEY cannot be used: "+err.Error()+".")
		return nil, fmt.Errorf("the NOAH signing key is invalid: %w", err)
	}
	return signer, nil
}

// base is what the resource and the data source share.
var base = providerdata.Base[kycapi.Client]{Service: serviceName, Vendor: vendor, Field: attributePath}
