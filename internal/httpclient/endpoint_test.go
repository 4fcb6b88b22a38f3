package httpclient

import (
	"strings"
	"testing"
)

func TestNewEndpoint(t *testing.T) {
	e, err := NewEndpoint(Config{Service: "ecurring", UserAgent: "test", BaseURL: "https://api.example.com/v1/"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := e.URL("/customers?page[size]=50"), "https://api.example.com/v1/customers?page[size]=50"; got != want {
		t.Errorf("URL = %q, want %q", got, want)
	}
	if e.HTTP == nil {
		t.Error("no HTTP client")
	}
	_, err = NewEndpoint(Config{Service: "ecurring", UserAgent: "test", BaseURL: "https://api.example.com:port/v1"})
	if err == nil || !strings.HasPrefix(err.Error(), "ecurring.base_url (or ECURRING_BASE_URL): ") {
		t.Errorf("a base URL that does not parse: got %v, want an error naming the setting", err)
	}
}
