// Command profprov is the provider (the same packages and main as the repository's main.go,
// built from the working tree) with a CPU profile per process: `make bench` with
// BENCH_PROFILE=1 runs it instead of bin/terraform-provider-customers to show where the
// provider's time goes. The bench module may import the provider's internal packages because
// its module path lies under the provider's (Go's internal rule is by import path), and go.mod
// replaces the provider by ../.
//
// Not shipped: it exists only for `make bench`.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/customerhandles/terraform-provider-customers/bench/internal/cpuprofile"
	"github.com/customerhandles/terraform-provider-customers/internal/pluginlog"
	"github.com/customerhandles/terraform-provider-customers/internal/provider"
)

func main() {
	pluginlog.QuietUnlessRequested("customers") // as the real provider's main.go does
	stop := cpuprofile.Start()
	err := providerserver.Serve(context.Background(), provider.New("bench-profile"), providerserver.ServeOpts{
		Address: "registry.terraform.io/customerhandles/customers",
	})
	stop()
	if err != nil {
		log.Fatal(err)
	}
}
