package pluginlog

import (
	"os"
	"testing"
)

var levelVariables = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_CUSTOMERS"}

func TestQuietUnlessRequested(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want map[string]string // "" means unset
	}{
		{
			name: "no logging requested",
			want: map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER_CUSTOMERS": "OFF"},
		},
		{
			name: "only Terraform's core logs requested",
			env:  map[string]string{"TF_LOG_CORE": "TRACE"},
			want: map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER_CUSTOMERS": "OFF"},
		},
		{
			name: "TF_LOG keeps every logger",
			env:  map[string]string{"TF_LOG": "TRACE"},
			want: map[string]string{},
		},
		{
			name: "TF_LOG_PROVIDER keeps every logger",
			env:  map[string]string{"TF_LOG_PROVIDER": "DEBUG"},
			want: map[string]string{},
		},
		{
			name: "an explicit level is kept",
			env:  map[string]string{"TF_LOG_PROVIDER_CUSTOMERS": "DEBUG"},
			want: map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER_CUSTOMERS": "DEBUG"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, name := range append([]string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_CORE"}, levelVariables...) {
				t.Setenv(name, "") // restores the variable after the test
				_ = os.Unsetenv(name)
			}
			for name, value := range tc.env {
				t.Setenv(name, value)
			}

			QuietUnlessRequested("customers")

			for _, name := range levelVariables {
				if got := os.Getenv(name); got != tc.want[name] {
					t.Errorf("%s = %q, want %q", name, got, tc.want[name])
				}
			}
		})
	}
}
