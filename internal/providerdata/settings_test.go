package providerdata

import (
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

func TestHTTPSettings(t *testing.T) {
	tuned := types.ObjectValueMust(
		map[string]attr.Type{"rate_limit": types.Float64Type, "max_retries": types.Int64Type},
		map[string]attr.Value{"rate_limit": types.Float64Value(0.45), "max_retries": types.Int64Value(0)})
	cases := []struct {
		name     string
		object   types.Object
		env      map[string]string
		want     httpclient.Config
		wantDiag string
	}{
		{name: "defaults: no cap, retries last the timeouts", object: types.ObjectNull(nil), want: httpclient.Config{}},
		{name: "configured; zero retries means none", object: tuned, want: httpclient.Config{RateLimit: 0.45, MaxRetries: new(0)}},
		{name: "environment", object: types.ObjectNull(nil), env: map[string]string{"X_RATE_LIMIT": "2.5", "X_MAX_RETRIES": "7"},
			want: httpclient.Config{RateLimit: 2.5, MaxRetries: new(7)}},
		{name: "configuration wins", object: tuned, env: map[string]string{"X_RATE_LIMIT": "9"}, want: httpclient.Config{RateLimit: 0.45, MaxRetries: new(0)}},
		{name: "bad rate", object: types.ObjectNull(nil), env: map[string]string{"X_RATE_LIMIT": "fast"},
			want: httpclient.Config{}, wantDiag: `X_RATE_LIMIT must be a number of requests per second of at least 0.001, got: "fast".`},
		{name: "bad retries", object: types.ObjectNull(nil), env: map[string]string{"X_MAX_RETRIES": "11"},
			want: httpclient.Config{MaxRetries: new(11)}, wantDiag: `X_MAX_RETRIES must be a whole number between 0 and 10, got: "11".`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("X_RATE_LIMIT", tc.env["X_RATE_LIMIT"])
			t.Setenv("X_MAX_RETRIES", tc.env["X_MAX_RETRIES"])
			var diags diag.Diagnostics
			got := NewSettings(tc.object, Service{Name: "x"}, "", &diags).HTTP()
			if tc.wantDiag == "" && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("tuning = %+v, want %+v", got, tc.want)
			}
			detail := ""
			for _, d := range diags {
				detail += d.Detail()
			}
			if detail != tc.wantDiag {
				t.Errorf("diagnostics = %q, want %q", detail, tc.wantDiag)
			}
		})
	}
}
