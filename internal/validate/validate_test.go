package validate

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func run(v validator.String, value types.String) (errText string) {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: value}, resp)
	for _, d := range resp.Diagnostics.Errors() {
		errText += d.Summary() + ": " + d.Detail()
	}
	return errText
}

func TestValidators(t *testing.T) {
	cases := []struct {
		name    string
		v       validator.String
		value   string
		wantErr string // substring; empty means valid
	}{
		{"country ok", Country(), "NL", ""},
		{"country lower", Country(), "nl", `Invalid country code: Attribute x must be an ISO 3166-1 alpha-2 country code in upper case, such as "NL" or "US", got: "nl".`},
		{"country alpha3", Country(), "NLD", "got: \"NLD\""},
		{"email ok", Email(), "jane.doe+tf@example.co.uk", ""},
		{"email no at", Email(), "jane.example.com", "Invalid e-mail address: Attribute x must be an e-mail address alone: a name, \"@\" and a domain with a dot, such as \"jane@example.com\"; this one has no \"@\", got: \"jane.example.com\"."},
		{"email display name", Email(), "Jane <jane@example.com>", "Invalid e-mail address: Attribute x must be an e-mail address alone: a name, \"@\" and a domain with a dot, such as \"jane@example.com\"; this one has a display name or angle brackets: write the address alone, got: \"Jane <jane@example.com>\"."},
		{"email space", Email(), "jane doe@example.com", "Invalid e-mail address: Attribute x must be an e-mail address alone: a name, \"@\" and a domain with a dot, such as \"jane@example.com\"; this one contains a space, got: \"jane doe@example.com\"."},
		{"email no dot", Email(), "jane@localhost", "Invalid e-mail address: Attribute x must be an e-mail address alone: a name, \"@\" and a domain with a dot, such as \"jane@example.com\"; the domain of this one, \"localhost\", needs a dot between its parts, got: \"jane@localhost\"."},
		{"email no name", Email(), "@example.com", "Invalid e-mail address: Attribute x must be an e-mail address alone: a name, \"@\" and a domain with a dot, such as \"jane@example.com\"; this one has nothing before the \"@\", got: \"@example.com\"."},
		{"email no domain", Email(), "jane@", "Invalid e-mail address: Attribute x must be an e-mail address alone: a name, \"@\" and a domain with a dot, such as \"jane@example.com\"; this one has no domain after the \"@\", got: \"jane@\"."},
		{"email two ats", Email(), "jane@@example.com", "Invalid e-mail address: Attribute x must be an e-mail address alone: a name, \"@\" and a domain with a dot, such as \"jane@example.com\"; this one is not valid address syntax (check for a doubled \"@\" or dot, or characters such as commas), got: \"jane@@example.com\"."},
		{"email double dot", Email(), "jane..doe@example.com", "this one is not valid address syntax"},
		{"date ok", Date(), "1970-01-31", ""},
		{"date impossible", Date(), "2023-02-30", "must be a date written YYYY-MM-DD"},
		{"date other layout", Date(), "31-01-1970", "must be a date written YYYY-MM-DD"},
		{"date with time", Date(), "1970-01-31T00:00:00Z", "must be a date written YYYY-MM-DD"},
		{"iban nl", IBAN(), "NL91ABNA0417164300", ""},
		{"iban de", IBAN(), "DE89370400440532013000", ""},
		{"iban bad check digits", IBAN(), "NL92ABNA0417164300", "with correct check digits"},
		{"iban spaces", IBAN(), "NL91 ABNA 0417 1643 00", "without spaces"},
		{"iban lower case", IBAN(), "nl91abna0417164300", "Invalid IBAN"},
		{"iban too short", IBAN(), "NL91ABNA", "Invalid IBAN"},
		{"https", BaseURL(), "https://api.openprovider.eu/v1beta", ""},
		{"http loopback v4", BaseURL(), "http://127.0.0.1:8080/openprovider/v1beta", ""},
		{"http loopback range", BaseURL(), "http://127.8.9.10/x", ""},
		{"http localhost", BaseURL(), "http://localhost:1234", ""},
		{"http loopback v6", BaseURL(), "http://[::1]:8080", ""},
		{"http remote", BaseURL(), "http://api.sandbox.openprovider.nl:8480/v1beta", "http:// is allowed only for loopback hosts"},
		{"http private", BaseURL(), "http://10.0.0.1/v1", "http:// is allowed only for loopback hosts"},
		{"ftp", BaseURL(), "ftp://example.com", "must use https://"},
		{"relative", BaseURL(), "/v1beta", "must be an absolute URL"},
		{"userinfo", BaseURL(), "https://user:pw@example.com", "must not carry a user name or password"},
		{"optional empty", Optional(Email()), "", "Empty value: Attribute x " + EmptyOptional + "."},
		{"optional valid", Optional(Email()), "jane@example.com", ""},
		{"optional defers", Optional(stringvalidator.UTF8LengthBetween(1, 2)), "abc", "Attribute x UTF-8 character count must be between 1 and 2, got: 3"},
		{"optional without checks", Optional(), "anything", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := run(tc.v, types.StringValue(tc.value))
			if tc.wantErr == "" && got != "" {
				t.Fatalf("unexpected error: %s", got)
			}
			if tc.wantErr != "" && !strings.Contains(got, tc.wantErr) {
				t.Fatalf("error %q does not contain %q", got, tc.wantErr)
			}
		})
	}
}

func TestValidatorsSkipNullAndUnknown(t *testing.T) {
	for _, v := range []validator.String{Country(), Email(), Date(), BaseURL(), IBAN(), Optional(Email())} {
		if got := run(v, types.StringNull()) + run(v, types.StringUnknown()); got != "" {
			t.Errorf("%s: null/unknown must pass, got %s", v.Description(context.Background()), got)
		}
	}
}

// A URL with credentials is refused without echoing them, even where url.Parse fails.
func TestBaseURLHidesCredentials(t *testing.T) {
	for in, want := range map[string]string{
		"https://jane:s3cret-pw@api.example.com/v1": `Invalid base URL: Attribute x must not carry a user name or password: set the credentials in the provider's settings, not in the URL, got: "https://api.example.com/v1" (credentials left out).`,
		"https://jane@api.example.com":              `Invalid base URL: Attribute x must not carry a user name or password: set the credentials in the provider's settings, not in the URL, got: "https://api.example.com" (credentials left out).`,
		"https://jane:s3cret%zz@api.example.com/v1": `Invalid base URL: Attribute x must be an absolute URL such as "https://api.example.com/v1" without credentials, query or fragment, got: "https://api.example.com/v1".`,
		"http://jane:s3cret-pw@10.0.0.1/v1?x=1":     `Invalid base URL: Attribute x must not carry a user name or password: set the credentials in the provider's settings, not in the URL, got: "http://10.0.0.1/v1?x=1" (credentials left out).`,
		"jane:s3cret-pw@api.example.com":            `Invalid base URL: Attribute x must be an absolute URL such as "https://api.example.com/v1" without credentials, query or fragment, got: "api.example.com".`,
	} {
		got := run(BaseURL(), types.StringValue(in))
		if got != want {
			t.Errorf("%s:\n got %s\nwant %s", in, got, want)
		}
		if strings.Contains(got, "jane") || strings.Contains(got, "s3cret") {
			t.Errorf("%s: the message shows a credential: %s", in, got)
		}
	}
}
