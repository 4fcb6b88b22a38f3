package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/customerhandles/terraform-provider-customers/internal/provider"
)

// withIdentities adds the resources' identity schemas to the schema document when the CLI that
// exported it left them out: Terraform before 1.12 knows no resource identity, so its
// `providers schema -json` has no "resource_identity_schemas". They come from the provider itself
// then (this module's internal/provider, served in-process), in the shape Terraform 1.12 and later
// export, so that the pages are the same whichever CLI exports the schema; tfplugindocs refuses an
// import-by-identity.tf example of a resource without an identity schema. The document is returned
// unchanged when it has them, and filled reports whether it did not.
func withIdentities(raw []byte, providerAddress string) (out []byte, filled bool, err error) {
	var doc map[string]json.RawMessage
	if err := decode(raw, &doc); err != nil {
		return nil, false, err
	}
	var providers map[string]map[string]json.RawMessage
	if err := decode(doc["provider_schemas"], &providers); err != nil {
		return nil, false, fmt.Errorf("provider_schemas: %w", err)
	}
	schema, ok := providers[providerAddress]
	if !ok {
		return raw, false, nil // rewrite says what is missing
	}
	if _, ok := schema["resource_identity_schemas"]; ok {
		return raw, false, nil
	}
	identities, err := identitySchemas()
	if err != nil {
		return nil, false, err
	}
	if len(identities) == 0 {
		return raw, false, nil
	}
	if schema["resource_identity_schemas"], err = json.Marshal(identities); err != nil {
		return nil, false, err
	}
	if doc["provider_schemas"], err = json.Marshal(providers); err != nil {
		return nil, false, err
	}
	out, err = json.Marshal(doc)
	return out, true, err
}

// identitySchema and identityAttribute are a resource's identity schema as
// `terraform providers schema -json` writes it.
type identitySchema struct {
	Version    int64                        `json:"version"`
	Attributes map[string]identityAttribute `json:"attributes,omitempty"`
}

type identityAttribute struct {
	Type              any    `json:"type"`
	Description       string `json:"description,omitempty"`
	RequiredForImport bool   `json:"required_for_import,omitempty"`
	OptionalForImport bool   `json:"optional_for_import,omitempty"`
}

// identitySchemas asks the provider for its resources' identity schemas, as Terraform does.
func identitySchemas() (map[string]identitySchema, error) {
	server, err := providerserver.NewProtocol6WithError(provider.New("docs")())()
	if err != nil {
		return nil, err
	}
	resp, err := server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		return nil, err
	}
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return nil, fmt.Errorf("the provider's identity schemas: %s: %s", d.Summary, d.Detail)
		}
	}
	out := make(map[string]identitySchema, len(resp.IdentitySchemas))
	for typeName, s := range resp.IdentitySchemas {
		is := identitySchema{Version: s.Version, Attributes: map[string]identityAttribute{}}
		for _, a := range s.IdentityAttributes {
			t, err := jsonType(a.Type)
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", typeName, a.Name, err)
			}
			is.Attributes[a.Name] = identityAttribute{Type: t, Description: a.Description,
				RequiredForImport: a.RequiredForImport, OptionalForImport: a.OptionalForImport}
		}
		out[typeName] = is
	}
	return out, nil
}

// jsonType is a type as Terraform writes it in JSON: "string", or ["list", "string"]. An identity
// attribute is a primitive or a list of primitives.
func jsonType(t tftypes.Type) (any, error) {
	switch {
	case t.Is(tftypes.String):
		return "string", nil
	case t.Is(tftypes.Number):
		return "number", nil
	case t.Is(tftypes.Bool):
		return "bool", nil
	case t.Is(tftypes.List{}):
		element, err := jsonType(t.(tftypes.List).ElementType)
		return []any{"list", element}, err
	}
	return nil, fmt.Errorf("type %s cannot be an identity attribute's", t)
}
