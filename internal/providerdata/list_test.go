package providerdata

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

type listedCustomer struct{ handle, name string }

type listedModel struct {
	Handle   types.String   `tfsdk:"handle"`
	Name     types.String   `tfsdk:"name"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

type listConfig struct {
	Name types.String `tfsdk:"name"`
}

// pagedList is a CustomerList over n customers H1..Hn in pages of two; pages counts the pages
// fetched, and a page of failAt fails.
func pagedList(n, failAt int, pages *int) *CustomerList[client, listedCustomer, listedModel, listConfig] {
	r := CustomerResource[client, listedCustomer, listedModel]{
		ID: path.Root("handle"),
		Model: func(c *listedCustomer, prior *listedModel) listedModel {
			return listedModel{types.StringValue(c.handle), types.StringValue(c.name), prior.Timeouts}
		},
	}
	r.TypeName, r.Vendor = "vendor_customer", "Vendor"
	l := ListOf(r, CustomerList[client, listedCustomer, listedModel, listConfig]{
		Config: listschema.Schema{Attributes: map[string]listschema.Attribute{"name": listschema.StringAttribute{Optional: true}}},
		Customers: func(_ context.Context, _ *client, config *listConfig) iter.Seq2[*listedCustomer, error] {
			return func(yield func(*listedCustomer, error) bool) {
				for page := 0; page*2 < n; page++ {
					*pages++
					if page+1 == failAt {
						yield(nil, errors.New("page refused"))
						return
					}
					for i := page*2 + 1; i <= min(page*2+2, n); i++ {
						if !yield(&listedCustomer{fmt.Sprintf("H%d", i), config.Name.ValueString()}, nil) {
							return
						}
					}
				}
			}
		},
		IDOf: func(c *listedCustomer) string { return c.handle },
	})
	l.clients = func() (*client, error) { return &client{}, nil }
	return l
}

func listRequest(t *testing.T, l *CustomerList[client, listedCustomer, listedModel, listConfig], limit int64, include bool) list.ListRequest {
	t.Helper()
	ctx := t.Context()
	r := &CustomerResource[client, listedCustomer, listedModel]{ID: path.Root("handle")}
	r.Attributes = func() schema.Schema {
		return schema.Schema{Attributes: map[string]schema.Attribute{
			"handle": schema.StringAttribute{Computed: true},
			"name":   schema.StringAttribute{Required: true},
		}}
	}
	var s resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &s)
	var is resource.IdentitySchemaResponse
	r.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &is)
	var ls list.ListResourceSchemaResponse
	l.ListResourceConfigSchema(ctx, list.ListResourceSchemaRequest{}, &ls)
	config := tftypes.NewValue(ls.Schema.Type().TerraformType(ctx), map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "Jane")})
	return list.ListRequest{
		Config: tfsdk.Config{Schema: ls.Schema, Raw: config}, Limit: limit, IncludeResource: include,
		ResourceSchema: s.Schema, ResourceIdentitySchema: is.IdentitySchema,
	}
}

// read consumes the stream as Terraform does, stopping after stopAfter results (0: never).
func read(t *testing.T, l *CustomerList[client, listedCustomer, listedModel, listConfig], req list.ListRequest, stopAfter int) []list.ListResult {
	t.Helper()
	var stream list.ListResultsStream
	l.List(t.Context(), req, &stream)
	var out []list.ListResult
	for result := range stream.Results {
		out = append(out, result)
		if len(out) == stopAfter {
			break
		}
	}
	return out
}

// The list stops at Terraform's limit, or when Terraform stops reading, without fetching another
// page; each result has the identity and the ID as display name.
func TestCustomerListStreams(t *testing.T) {
	for _, tc := range []struct {
		limit          int64
		stopAfter      int
		results, pages int
	}{
		{limit: 0, results: 7, pages: 4},
		{limit: 100, results: 7, pages: 4},
		{limit: 3, results: 3, pages: 2},
		{limit: 4, results: 4, pages: 2},
		{limit: 100, stopAfter: 1, results: 1, pages: 1},
		{limit: 100, stopAfter: 5, results: 5, pages: 3},
	} {
		t.Run(fmt.Sprintf("limit %d, stop after %d", tc.limit, tc.stopAfter), func(t *testing.T) {
			pages := 0
			l := pagedList(7, 0, &pages)
			results := read(t, l, listRequest(t, l, tc.limit, false), tc.stopAfter)
			if len(results) != tc.results || pages != tc.pages {
				t.Fatalf("%d results after %d pages, want %d after %d", len(results), pages, tc.results, tc.pages)
			}
			for i, r := range results {
				want := fmt.Sprintf("H%d", i+1)
				var handle types.String
				if r.Diagnostics.HasError() || r.DisplayName != want {
					t.Fatalf("result %d: %q, %v", i, r.DisplayName, r.Diagnostics)
				}
				if diags := r.Identity.GetAttribute(t.Context(), path.Root("handle"), &handle); diags.HasError() || handle.ValueString() != want {
					t.Fatalf("result %d: identity %v, %v", i, r.Identity.Raw, diags)
				}
				if !r.Resource.Raw.IsNull() {
					t.Errorf("result %d carries the resource without include_resource", i)
				}
			}
		})
	}
}

// include_resource gives the resource as the model maps it from an all-null prior (timeouts
// null), and the config reaches the client.
func TestCustomerListIncludeResource(t *testing.T) {
	pages := 0
	l := pagedList(1, 0, &pages)
	results := read(t, l, listRequest(t, l, 100, true), 0)
	if len(results) != 1 || results[0].Diagnostics.HasError() {
		t.Fatalf("%v", results)
	}
	var got listedModel
	if diags := results[0].Resource.Get(t.Context(), &got); diags.HasError() {
		t.Fatal(diags)
	}
	if got.Handle.ValueString() != "H1" || got.Name.ValueString() != "Jane" || !got.Timeouts.IsNull() {
		t.Errorf("resource %+v", got)
	}
	// The timeouts attribute is the resource's own.
	if _, ok := listRequest(t, l, 1, true).ResourceSchema.GetAttributes()["timeouts"]; !ok {
		t.Error("the resource schema has no timeouts")
	}
}

// ReadEach reads each listed customer for include_resource; a failed read is that result's error.
func TestCustomerListFull(t *testing.T) {
	pages := 0
	l := pagedList(2, 0, &pages)
	l.ReadEach = true
	l.resource.Get = func(_ *client, _ context.Context, id string) (*listedCustomer, error) {
		if id == "H2" {
			return nil, errors.New("gone")
		}
		return &listedCustomer{id, "Read"}, nil
	}
	results := read(t, l, listRequest(t, l, 100, true), 0)
	var got listedModel
	if len(results) != 2 || results[0].Resource.Get(t.Context(), &got).HasError() || got.Name.ValueString() != "Read" {
		t.Fatalf("first result: %+v", got)
	}
	if !results[1].Diagnostics.HasError() || results[1].Diagnostics[0].Summary() != "Cannot read Vendor customer H2" {
		t.Fatalf("second result: %v", results[1].Diagnostics)
	}
}

// A failed page ends the stream with an error result after what was listed before it.
func TestCustomerListError(t *testing.T) {
	pages := 0
	l := pagedList(7, 2, &pages)
	results := read(t, l, listRequest(t, l, 100, false), 0)
	if len(results) != 3 || !results[2].Diagnostics.HasError() || results[2].Diagnostics[0].Summary() != "Cannot list Vendor customers" {
		t.Fatalf("%d results: %v", len(results), results[len(results)-1].Diagnostics)
	}
}

// Without credentials the stream is the one error that says so.
func TestCustomerListWithoutClient(t *testing.T) {
	pages := 0
	l := pagedList(7, 0, &pages)
	l.clients = func() (*client, error) { return nil, errors.New("no key") }
	results := read(t, l, listRequest(t, l, 100, false), 0)
	if len(results) != 1 || !results[0].Diagnostics.HasError() || pages != 0 {
		t.Fatalf("%d results, %d pages: %v", len(results), pages, results)
	}
}
