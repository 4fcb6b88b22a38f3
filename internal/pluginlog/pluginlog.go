// Package pluginlog stops the provider from writing log lines that Terraform would discard.
package pluginlog

import (
	"os"
	"strings"
)

// QuietUnlessRequested turns the SDK's and the provider's loggers off when Terraform would not
// keep their output.
//
// terraform-plugin-go and the framework log every RPC, attribute, validator and plan modifier
// at TRACE. With no level set they write all of it to the plugin's stderr. Terraform reads that
// stream and keeps it only when TF_LOG or TF_LOG_PROVIDER is set, so without those variables the
// lines are formatted and then discarded. That work was the largest part of the provider's
// overhead in `make bench` (see BENCHMARKS.md). Terraform starts providers with its own
// environment, so when the user asks for logs the provider still sees the request and logs as
// before. A level the user set explicitly is never changed.
//
// Call it once, before serving: the loggers read these variables on every RPC.
func QuietUnlessRequested(providerName string) {
	if os.Getenv("TF_LOG") != "" || os.Getenv("TF_LOG_PROVIDER") != "" {
		return
	}
	for _, name := range []string{
		"TF_LOG_SDK",
		"TF_LOG_SDK_PROTO",
		"TF_LOG_SDK_FRAMEWORK",
		"TF_LOG_PROVIDER_" + strings.ToUpper(providerName),
	} {
		if _, set := os.LookupEnv(name); !set {
			_ = os.Setenv(name, "OFF") // cannot fail for these names
		}
	}
}
