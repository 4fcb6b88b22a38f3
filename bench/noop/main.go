// Command noop is the benchmarks' baseline: a terraform-plugin-framework provider named
// `customers` that serves the real provider's resource and data source types with the real
// provider's schemas, and does no I/O. Create stores the plan (unknown values replaced by fixed
// placeholders of their type), Read returns the state, Update stores the plan (unknown values
// kept from the state), Delete forgets.
//
// The schemas come from `terraform providers schema -json` run against the real provider (the
// provider's packages are internal to its module and cannot be imported here): the file named by
// BENCH_NOOP_SCHEMA, or schema.json next to the executable. Validators and plan modifiers are
// not in that JSON, so the baseline has none: they are part of the provider's own cost. The
// runner checks that this provider's `terraform providers schema -json` equals the real one.
//
// Not shipped: it exists only for `make bench`.
package main

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/customerhandles/terraform-provider-customers/bench/internal/cpuprofile"
	"github.com/customerhandles/terraform-provider-customers/internal/pluginlog"
)

// address is the real provider's address (main.go of the provider).
const address = "registry.terraform.io/customerhandles/customers"

func main() {
	file := os.Getenv("BENCH_NOOP_SCHEMA")
	if file == "" {
		exe, err := os.Executable()
		if err != nil {
			fatal(err)
		}
		file = filepath.Join(filepath.Dir(exe), "schema.json")
	}
	p, err := newProvider(file)
	if err != nil {
		fatal(err)
	}
	// As the real provider's main.go does, so the ratio measures the provider's own work.
	pluginlog.QuietUnlessRequested("customers")
	stop := cpuprofile.Start() // BENCH_CPUPROFILE_DIR, for BENCH_PROFILE=1
	err = providerserver.Serve(context.Background(), func() provider.Provider { return p }, providerserver.ServeOpts{Address: address})
	stop()
	if err != nil {
		fatal(err)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "noop provider:", err)
	os.Exit(1)
}

type noopProvider struct {
	schema      *spec
	resources   map[string]*spec
	dataSources map[string]*spec
}

func newProvider(file string) (*noopProvider, error) {
	js, err := loadSchemas(file, address)
	if err != nil {
		return nil, err
	}
	p := &noopProvider{resources: map[string]*spec{}, dataSources: map[string]*spec{}}
	if p.schema, err = convertSchema("provider", js.Provider); err != nil {
		return nil, err
	}
	for _, s := range p.schema.attributes {
		if err := noComputed(s); err != nil {
			return nil, err
		}
	}
	for name, s := range js.ResourceSchemas {
		if p.resources[name], err = convertSchema(name, s); err != nil {
			return nil, err
		}
	}
	for name, s := range js.DataSourceSchemas {
		if p.dataSources[name], err = convertSchema(name, s); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func noComputed(a *attrSpec) error {
	if a.computed {
		return fmt.Errorf("provider schema: computed attributes cannot exist in a provider's configuration")
	}
	for _, n := range a.nested {
		if err := noComputed(n); err != nil {
			return err
		}
	}
	return nil
}

func (p *noopProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "customers"
}

func (p *noopProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerSchema(p.schema)
}

func (p *noopProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *noopProvider) Resources(context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, name := range sortedKeys(p.resources) {
		r := &noopResource{name: name, spec: p.resources[name]}
		out = append(out, func() resource.Resource { return r })
	}
	return out
}

func (p *noopProvider) DataSources(context.Context) []func() datasource.DataSource {
	var out []func() datasource.DataSource
	for _, name := range sortedKeys(p.dataSources) {
		d := &noopDataSource{name: name, spec: p.dataSources[name]}
		out = append(out, func() datasource.DataSource { return d })
	}
	return out
}

func sortedKeys(m map[string]*spec) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

type noopResource struct {
	name string
	spec *spec
}

var _ resource.ResourceWithImportState = (*noopResource)(nil)

func (r *noopResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.name
}

func (r *noopResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(r.spec)
}

func (r *noopResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	v, err := fillUnknown(req.Plan.Raw, nil)
	if err != nil {
		resp.Diagnostics.AddError("noop: create", err.Error())
		return
	}
	resp.State.Raw = v
}

// Read leaves the state as it is: the framework fills the response with the prior state.
func (r *noopResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *noopResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	v, err := fillUnknown(req.Plan.Raw, &req.State.Raw)
	if err != nil {
		resp.Diagnostics.AddError("noop: update", err.Error())
		return
	}
	resp.State.Raw = v
}

// Delete does nothing: the framework removes the resource from the state.
func (r *noopResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// ImportState passes the ID through to the resource's identifying attribute.
func (r *noopResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	for _, name := range []string{"id", "handle", "customer_id"} {
		if _, ok := r.spec.attributes[name]; ok {
			resource.ImportStatePassthroughID(ctx, path.Root(name), req, resp)
			return
		}
	}
	resp.Diagnostics.AddError("noop: import", "no id, handle or customer_id attribute in "+r.name)
}

type noopDataSource struct {
	name string
	spec *spec
}

func (d *noopDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = d.name
}

func (d *noopDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dataSourceSchema(d.spec)
}

func (d *noopDataSource) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	v, err := fillUnknown(req.Config.Raw, nil)
	if err != nil {
		resp.Diagnostics.AddError("noop: read", err.Error())
		return
	}
	resp.State.Raw = v
}

// fillUnknown replaces every unknown value in v by the value at the same path in prior, when
// prior (which may be nil) has a known one there, or else by placeholder.
func fillUnknown(v tftypes.Value, prior *tftypes.Value) (tftypes.Value, error) {
	return tftypes.Transform(v, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		if prior != nil && !prior.IsNull() {
			if old, _, err := tftypes.WalkAttributePath(*prior, p); err == nil {
				if old, ok := old.(tftypes.Value); ok && old.IsFullyKnown() && old.Type().Equal(v.Type()) {
					return old, nil
				}
			}
		}
		return placeholder(v.Type()), nil
	})
}

// placeholder is a fixed, known value of type t: "noop", 0, false, empty collections, objects
// of placeholders.
func placeholder(t tftypes.Type) tftypes.Value {
	switch {
	case t.Is(tftypes.String):
		return tftypes.NewValue(t, "noop")
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, new(big.Float))
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, false)
	case t.Is(tftypes.List{}), t.Is(tftypes.Set{}):
		return tftypes.NewValue(t, []tftypes.Value{})
	case t.Is(tftypes.Map{}):
		return tftypes.NewValue(t, map[string]tftypes.Value{})
	case t.Is(tftypes.Object{}):
		obj := t.(tftypes.Object)
		vals := make(map[string]tftypes.Value, len(obj.AttributeTypes))
		for k, at := range obj.AttributeTypes {
			vals[k] = placeholder(at)
		}
		return tftypes.NewValue(t, vals)
	}
	return tftypes.NewValue(t, nil) // dynamic: null
}
