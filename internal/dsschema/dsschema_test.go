package dsschema

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestFromResource(t *testing.T) {
	r := rschema.Schema{Attributes: map[string]rschema.Attribute{
		"id":     rschema.StringAttribute{Computed: true, MarkdownDescription: "The id."},
		"secret": rschema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "A secret."},
		"labels": rschema.MapAttribute{Optional: true, ElementType: types.StringType},
		"address": rschema.SingleNestedAttribute{Required: true, Attributes: map[string]rschema.Attribute{
			"city": rschema.StringAttribute{Required: true, MarkdownDescription: "City."},
		}},
		"tags": rschema.SetNestedAttribute{Optional: true, NestedObject: rschema.NestedAttributeObject{Attributes: map[string]rschema.Attribute{
			"value": rschema.StringAttribute{Required: true},
		}}},
		"files": rschema.ListNestedAttribute{Optional: true, NestedObject: rschema.NestedAttributeObject{Attributes: map[string]rschema.Attribute{
			"path": rschema.StringAttribute{Required: true},
		}}},
	}}
	got := FromResource(r, "id", "Reads one.")

	if got.MarkdownDescription != "Reads one." {
		t.Errorf("description = %q", got.MarkdownDescription)
	}
	id := got.Attributes["id"].(schema.StringAttribute)
	if !id.Required || id.Computed || id.MarkdownDescription != "The id." {
		t.Errorf("id = %+v, want required with the resource's description", id)
	}
	secret := got.Attributes["secret"].(schema.StringAttribute)
	if !secret.Computed || !secret.Sensitive || secret.Optional {
		t.Errorf("secret = %+v, want computed and sensitive", secret)
	}
	city := got.Attributes["address"].(schema.SingleNestedAttribute).Attributes["city"].(schema.StringAttribute)
	if !city.Computed || city.Required || city.MarkdownDescription != "City." {
		t.Errorf("address.city = %+v, want computed", city)
	}
	if v := got.Attributes["tags"].(schema.SetNestedAttribute).NestedObject.Attributes["value"]; !v.IsComputed() {
		t.Error("tags.value is not computed")
	}
	if p := got.Attributes["files"].(schema.ListNestedAttribute).NestedObject.Attributes["path"]; !p.IsComputed() {
		t.Error("files.path is not computed")
	}
	if !got.Attributes["labels"].IsComputed() {
		t.Error("labels is not computed")
	}
	// The result must be a valid schema for the framework.
	if diags := got.ValidateImplementation(context.Background()); diags.HasError() {
		t.Fatalf("invalid schema: %v", diags)
	}
}

func TestFromResourcePanicsOnBadKey(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic for a missing key")
		}
	}()
	FromResource(rschema.Schema{}, "handle", "")
}
