// Package kycapi is the client of the NOAH Business API's customer endpoints (KYC, Reliance
// model): request signing, the wire types and every call the provider makes. It imports nothing
// from Terraform's plugin framework.
package kycapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

const service = "kyc"

// Settings are what a Client needs. Signer is nil when requests are not signed (allowed only by
// sandbox API keys created without a signing key).
type Settings struct {
	BaseURL string
	APIKey  string
	Signer  *Signer
	// HTTP paces and retries the requests; the client sets the service's own parts.
	HTTP httpclient.Config
}

// Client calls NOAH's customer API. It is safe for concurrent use.
type Client struct{ httpclient.Endpoint }

// New returns a client; it fails only on a base URL that does not parse.
func New(settings Settings) (*Client, error) {
	cfg := settings.HTTP
	cfg.Service, cfg.Transient, cfg.Refusal = service, Transient, refusal
	cfg.BaseURL, cfg.Secrets = settings.BaseURL, []string{settings.APIKey}
	cfg.Authorize = authorize(settings.APIKey, settings.Signer)
	endpoint, err := httpclient.NewEndpoint(cfg)
	if err != nil {
		return nil, err
	}
	return &Client{endpoint}, nil
}

// authorize adds the API key and, with a signer, the signature of the exact method, URL and body.
func authorize(apiKey string, signer *Signer) func(*httpclient.Request) error {
	return func(req *httpclient.Request) error {
		req.Header.Set("X-Api-Key", apiKey)
		if signer == nil {
			return nil
		}
		u, err := url.Parse(req.URL)
		if err != nil {
			return err
		}
		signature, err := signer.Sign(req.Method, u, req.Body)
		if err != nil {
			return fmt.Errorf("signing the request: %w", err)
		}
		req.Header.Set("Api-Signature", signature)
		return nil
	}
}

// GetCustomer reads a customer; httpclient.IsNotFound tells one that does not exist.
func (c *Client) GetCustomer(ctx context.Context, id string) (*Customer, error) {
	op := "read customer " + id
	target, err := c.customerURL(op, id)
	if err != nil {
		return nil, err
	}
	var customer Customer
	resp, err := c.HTTP.CallJSON(ctx, httpclient.Call{Operation: op, Method: http.MethodGet, URL: target}, &customer)
	if err != nil {
		return nil, err
	}
	if len(resp.Body) == 0 {
		return nil, &httpclient.APIError{Service: service, Operation: op, StatusCode: resp.StatusCode, Message: "the answer carries no customer"}
	}
	return &customer, nil
}

// ExistsError means another customer already has the id, with a different record.
type ExistsError struct{ ID string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("kyc: a customer with id %q already exists with a different record", e.ID)
}

// CreateCustomer creates the customer id unless another one has it: NOAH's PUT is an upsert, so
// it reads first and refuses (ExistsError) to overwrite a different record. A customer whose
// record already equals in (left, say, by an interrupted apply) is adopted: it is PUT again, and
// adopted reports it. A PUT whose outcome is unknown is checked by reading the customer back
// (httpclient.CreateOnce). NOAH's PUT answers without a body: the caller reads the customer to
// learn what NOAH filled in.
func (c *Client) CreateCustomer(ctx context.Context, id string, in *CustomerInput) (adopted bool, err error) {
	existing, err := c.GetCustomer(ctx, id)
	switch {
	case err == nil && !sameRecord(in, existing):
		return false, &ExistsError{ID: id}
	case err != nil && !httpclient.IsNotFound(err):
		return false, err
	}
	adopted = err == nil
	_, err = httpclient.CreateOnce(ctx, c.HTTP,
		func(ctx context.Context) (struct{}, error) { return struct{}{}, c.PutCustomer(ctx, id, in) },
		func(ctx context.Context) (struct{}, bool, error) {
			got, err := c.GetCustomer(ctx, id)
			switch {
			case httpclient.IsNotFound(err):
				return struct{}{}, false, nil
			case err != nil:
				return struct{}{}, false, err
			case !sameRecord(in, got):
				// Someone else wrote the id meanwhile: sending the PUT again would overwrite them.
				return struct{}{}, false, &ExistsError{ID: id}
			}
			return struct{}{}, true, nil
		})
	return adopted && err == nil, err
}

// sameRecord reports whether NOAH's record got holds in (e-mail and phone number, which NOAH
// does not return, aside).
func sameRecord(in *CustomerInput, got *Customer) bool {
	return got.Type == in.Type && got.FullName == in.FullName && got.DateOfBirth == in.DateOfBirth &&
		got.PrimaryResidence == in.PrimaryResidence && slices.Equal(got.Identities, in.Identities)
}

// PutCustomer creates or replaces the customer with the given id.
func (c *Client) PutCustomer(ctx context.Context, id string, in *CustomerInput) error {
	op := "put customer " + id
	target, err := c.customerURL(op, id)
	if err == nil {
		_, err = c.HTTP.CallJSON(ctx, httpclient.Call{Operation: op, Method: http.MethodPut, URL: target, Body: in}, nil)
	}
	return err
}

// customerURL is the URL of customer id, which must be one path segment: anything else (".."
// or a "/") would address another resource. The resource's schema refuses such ids at plan time.
func (c *Client) customerURL(op, id string) (string, error) {
	if id == "" || id == "." || id == ".." || strings.Contains(id, "/") {
		return "", fmt.Errorf("%s: %s: the customer id %q is not one URL path segment", service, op, id)
	}
	return c.Base.JoinPath("customers", id).String(), nil
}

// Transient tells server trouble from NOAH's verdicts: a 5xx with NOAH's "Unexpected" error, or
// without NOAH's error body at all, says nothing about the request. The provider hands it to the
// HTTP client's retries.
func Transient(resp *httpclient.Response) bool {
	if resp.StatusCode < 500 {
		return false
	}
	var body errorBody
	return json.Unmarshal(resp.Body, &body) != nil || body.Type == "" || body.Type == "Unexpected"
}

// refusal turns a non-2xx answer into an APIError from NOAH's Error body when there is one.
func refusal(op string, resp *httpclient.Response) error {
	if resp.Success() {
		return nil
	}
	apiErr := &httpclient.APIError{Service: service, Operation: op, StatusCode: resp.StatusCode,
		NotFound: resp.StatusCode == http.StatusNotFound, Transient: Transient(resp)}
	var body errorBody
	if json.Unmarshal(resp.Body, &body) != nil || body.Type == "" {
		apiErr.Message = fmt.Sprintf("%s (%d bytes of %s)", http.StatusText(resp.StatusCode), len(resp.Body), resp.ContentType())
		return apiErr
	}
	apiErr.Code = body.Type
	apiErr.NotFound = apiErr.NotFound || body.Type == "ResourceNotFound"
	apiErr.Message = body.Detail
	if body.Instance != "" {
		apiErr.Message += " (instance " + body.Instance + ")"
	}
	if body.Type == "Unauthorized" {
		apiErr.Message += ". Check the API key, and that the signing key is the private half of the public key registered with it at NOAH"
	}
	for _, f := range body.RequestExtension.Body {
		problem := f.Description
		if f.Reason != "" {
			problem = f.Reason + ": " + problem
		}
		apiErr.Fields = append(apiErr.Fields, httpclient.FieldProblem{Field: f.Field, Problem: problem})
	}
	return apiErr
}
