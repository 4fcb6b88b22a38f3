package httpclient

import (
	"fmt"
	"net/url"
	"strings"
)

// Endpoint is what every vendor's API client calls through: its HTTP client and its base URL,
// parsed once. The API clients embed it.
type Endpoint struct {
	HTTP *Client
	Base *url.URL // without a trailing slash
}

// NewEndpoint makes the HTTP client of cfg. It fails only on a base URL that does not parse,
// which the provider's schema refuses before this.
func NewEndpoint(cfg Config) (Endpoint, error) {
	base, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil {
		return Endpoint{}, fmt.Errorf("%s: %w", baseURLSetting(cfg.Service), err)
	}
	return Endpoint{HTTP: New(cfg), Base: base}, nil
}

// URL is the base URL followed by path, which starts with a slash and may end in a query.
func (e Endpoint) URL(path string) string { return e.Base.String() + path }
