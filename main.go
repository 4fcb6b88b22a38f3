// Command terraform-provider-customers is the customers Terraform provider. Run with the
// `sandbox` subcommand, it serves local emulators of the vendors' APIs instead.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/customerhandles/terraform-provider-customers/internal/pluginlog"
	"github.com/customerhandles/terraform-provider-customers/internal/provider"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

// version is stamped in at build time: -ldflags "-X main.version=1.2.3".
var version = "dev"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "sandbox" {
		if err := sandbox.Main(os.Args[2:], os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}

	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Usage = func() {
		_, _ = fmt.Fprintf(flag.CommandLine.Output(), "Usage:\n"+
			"  %[1]s [-debug]            serve the provider to Terraform (Terraform starts it)\n"+
			"  %[1]s sandbox -h          run local emulators of the vendors' APIs for offline testing\n\nFlags:\n", os.Args[0])
		flag.PrintDefaults()
	}
	flag.Parse()

	if !debug { // a debugged provider's logs go to the developer's terminal, not to Terraform
		pluginlog.QuietUnlessRequested("customers")
	}
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/customerhandles/customers",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err)
	}
}
