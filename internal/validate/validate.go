// Package validate holds the plan-time string checks the resources share. Each one fails on the
// attribute being checked, before any API call, and skips unknown and null values (those are
// checked again once known).
package validate

import (
	"context"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/customerhandles/terraform-provider-customers/internal/iso3166"
)

// stringCheck adapts a plain check function to the framework's validator interface.
type stringCheck struct {
	description string
	check       func(string) error
}

func (v stringCheck) Description(context.Context) string         { return v.description }
func (v stringCheck) MarkdownDescription(context.Context) string { return v.description }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+v.description, fmt.Sprintf("Attribute %s %s.", req.Path, err))
	}
}

// EmptyOptional is the message for "" in an optional text attribute, exported for tests.
const EmptyOptional = `must not be empty: leave the attribute out or set it to null (an empty value from a CSV file: use a conditional such as x == "" ? null : x)`

// Optional is the one validator of every optional text attribute: the services do not tell ""
// from unset, so "" is refused with a message that says what to write instead; any other value
// goes to checks, in order.
func Optional(checks ...validator.String) validator.String {
	return optional{checks}
}

type optional struct{ checks []validator.String }

func (v optional) Description(ctx context.Context) string {
	parts := []string{"not empty"}
	for _, c := range v.checks {
		parts = append(parts, c.Description(ctx))
	}
	return strings.Join(parts, "; ")
}

func (v optional) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v optional) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if req.ConfigValue.ValueString() == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Empty value", fmt.Sprintf("Attribute %s %s.", req.Path, EmptyOptional))
		return
	}
	for _, c := range v.checks {
		c.ValidateString(ctx, req, resp)
	}
}

// Country accepts an ISO 3166-1 alpha-2 country code in upper case, such as "NL".
func Country() validator.String {
	return stringCheck{"country code", func(s string) error {
		if !iso3166.IsCountry(s) {
			return fmt.Errorf("must be an ISO 3166-1 alpha-2 country code in upper case, such as \"NL\" or \"US\", got: %q", s)
		}
		return nil
	}}
}

// Email accepts a bare address such as "jane@example.com" (no display name, no spaces).
func Email() validator.String {
	return stringCheck{"e-mail address", func(s string) error {
		if err := checkEmail(s); err != nil {
			return fmt.Errorf("must be an e-mail address alone: a name, \"@\" and a domain with a dot, such as \"jane@example.com\"; %w, got: %q", err, s)
		}
		return nil
	}}
}

// checkEmail says what is wrong with s, in words a user can act on.
func checkEmail(s string) error {
	at := strings.LastIndexByte(s, '@')
	switch {
	case strings.ContainsAny(s, "<>"):
		return fmt.Errorf("this one has a display name or angle brackets: write the address alone")
	case strings.ContainsFunc(s, unicode.IsSpace):
		return fmt.Errorf("this one contains a space")
	case at < 0:
		return fmt.Errorf("this one has no \"@\"")
	case at == 0:
		return fmt.Errorf("this one has nothing before the \"@\"")
	case at == len(s)-1:
		return fmt.Errorf("this one has no domain after the \"@\"")
	}
	domain := s[at+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
		return fmt.Errorf("the domain of this one, %q, needs a dot between its parts", domain)
	}
	if addr, err := mail.ParseAddress(s); err != nil || addr.Address != s || addr.Name != "" {
		return fmt.Errorf("this one is not valid address syntax (check for a doubled \"@\" or dot, or characters such as commas)")
	}
	return nil
}

// Date accepts a calendar date written YYYY-MM-DD, such as "1970-01-31".
func Date() validator.String {
	return stringCheck{"date", func(s string) error {
		if _, err := ParseDate(s); err != nil {
			return fmt.Errorf("must be a date written YYYY-MM-DD, such as \"1970-01-31\", got: %q", s)
		}
		return nil
	}}
}

// ParseDate parses YYYY-MM-DD strictly (time.Parse alone accepts no other layout, and rejects
// impossible dates such as 2023-02-30).
func ParseDate(s string) (time.Time, error) {
	return time.Parse(time.DateOnly, s)
}

// BaseURL accepts an absolute https:// URL, or http:// for a loopback host (127.0.0.0/8, ::1,
// localhost) so that local emulators work without certificates. Credentials must never travel in
// clear text over a network.
func BaseURL() validator.String {
	return stringCheck{"base URL", CheckBaseURL}
}

// CheckBaseURL is the rule of BaseURL, also applied to values that come from the environment.
// Its messages show the URL without any user name or password in it: they are credentials.
func CheckBaseURL(s string) error {
	shown := withoutUserinfo(s)
	u, err := url.Parse(s)
	if err == nil && u.User != nil {
		return fmt.Errorf("must not carry a user name or password: set the credentials in the provider's settings, not in the URL, got: %q (credentials left out)", shown)
	}
	if err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("must be an absolute URL such as \"https://api.example.com/v1\" without credentials, query or fragment, got: %q", shown)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if IsLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("must use https:// (http:// is allowed only for loopback hosts such as 127.0.0.1 or localhost), got: %q", shown)
	default:
		return fmt.Errorf("must use https://, got: %q", shown)
	}
}

// withoutUserinfo drops "user:password@" from a URL's authority by hand, so that it also works
// on text url.Parse refuses (a password with a stray % or space).
func withoutUserinfo(s string) string {
	start := 0
	if i := strings.Index(s, "://"); i >= 0 {
		start = i + len("://")
	}
	end := len(s)
	if i := strings.IndexAny(s[start:], "/?#"); i >= 0 {
		end = start + i
	}
	if at := strings.LastIndexByte(s[start:end], '@'); at >= 0 {
		return s[:start] + s[start+at+1:]
	}
	return s
}

// IsLoopback reports whether host is localhost or an address in 127.0.0.0/8 or ::1.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// IBAN accepts an International Bank Account Number written without spaces, such as
// "NL91ABNA0417164300", whose check digits are right (ISO 13616 mod-97).
func IBAN() validator.String {
	return stringCheck{"IBAN", func(s string) error {
		if !isIBAN(s) {
			return fmt.Errorf("must be an IBAN in capitals without spaces, such as \"NL91ABNA0417164300\", with correct check digits")
		}
		return nil
	}}
}

func isIBAN(s string) bool {
	if len(s) < 15 || len(s) > 34 || !iso3166.IsCountry(s[:2]) || s[2] < '0' || s[2] > '9' || s[3] < '0' || s[3] > '9' {
		return false
	}
	// Move the first four characters to the end, read letters as 10..35, and take the number mod 97.
	remainder := 0
	for _, r := range s[4:] + s[:4] {
		switch {
		case r >= '0' && r <= '9':
			remainder = (remainder*10 + int(r-'0')) % 97
		case r >= 'A' && r <= 'Z':
			remainder = (remainder*100 + int(r-'A') + 10) % 97
		default:
			return false
		}
	}
	return remainder == 1
}
