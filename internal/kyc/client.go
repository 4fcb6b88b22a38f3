// Package kyc manages NOAH Business API customers (KYC, Reliance model): request signing, the API
// client (both free of Terraform types), and the kyc_customer resource and data source.
package kyc

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

const service = "kyc"

// Config is what a Client needs. Signer is nil when requests are not signed (allowed only by
// sandbox API keys created without a signing key).
type Config struct {
	BaseURL string
	APIKey  string
	Signer  *Signer
}

// Client calls NOAH's customer API. It is safe for concurrent use.
type Client struct {
	baseURL *url.URL
	apiKey  string
	signer  *Signer
	http    *httpclient.Client
}

// NewClient returns a client; it fails only on a base URL that does not parse.
func NewClient(cfg Config, hc *httpclient.Client) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil {
		return nil, fmt.Errorf("NOAH base URL: %w", err)
	}
	hc.AddSecret(cfg.APIKey)
	hc.SetBaseURL(cfg.BaseURL)
	return &Client{baseURL: u, apiKey: cfg.APIKey, signer: cfg.Signer, http: hc}, nil
}

// GetCustomer reads a customer; httpclient.IsNotFound tells one that does not exist.
func (c *Client) GetCustomer(ctx context.Context, id string) (*Customer, error) {
	var customer Customer
	if err := c.call(ctx, "read customer "+id, http.MethodGet, id, nil, &customer); err != nil {
		return nil, err
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
// adopted reports it. A PUT whose outcome is unknown is checked by reading the customer back.
// NOAH's PUT answers without a body: the caller reads the customer to learn what NOAH filled in.
func (c *Client) CreateCustomer(ctx context.Context, id string, in *CustomerInput) (adopted bool, err error) {
	existing, err := c.GetCustomer(ctx, id)
	switch {
	case err == nil && !sameRecord(in, existing):
		return false, &ExistsError{ID: id}
	case err != nil && !httpclient.IsNotFound(err):
		return false, err
	}
	adopted = err == nil
	if _, err := c.PutCustomer(ctx, id, in); err != nil {
		if !httpclient.OutcomeUnknown(err) {
			return false, err
		}
		// The PUT may have landed: what counts is whether the record is now ours. This read runs
		// even when ctx was cancelled, so an interrupted apply still learns what it created.
		readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		if got, readErr := c.GetCustomer(readCtx, id); readErr == nil && sameRecord(in, got) {
			return adopted, nil
		}
		return false, err
	}
	return adopted, nil
}

// sameRecord reports whether NOAH's record got holds in (e-mail and phone number, which NOAH
// does not return, aside).
func sameRecord(in *CustomerInput, got *Customer) bool {
	return got.Type == in.Type && got.FullName == in.FullName && got.DateOfBirth == in.DateOfBirth &&
		got.PrimaryResidence == in.PrimaryResidence && slices.Equal(got.Identities, in.Identities)
}

// PutCustomer creates or replaces the customer with the given id; created reports which.
func (c *Client) PutCustomer(ctx context.Context, id string, in *CustomerInput) (created bool, err error) {
	resp, err := c.send(ctx, "put customer "+id, http.MethodPut, id, in)
	if err != nil {
		return false, err
	}
	return resp.StatusCode == http.StatusCreated, nil
}

func (c *Client) call(ctx context.Context, op, method, id string, body, out any) error {
	resp, err := c.send(ctx, op, method, id, body)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return &httpclient.APIError{Service: service, Operation: op, StatusCode: resp.StatusCode,
			Message: fmt.Sprintf("cannot decode the answer (%d bytes): %v", len(resp.Body), err)}
	}
	return nil
}

// send makes one signed request to /customers/{id} and returns its 2xx answer.
func (c *Client) send(ctx context.Context, op, method, id string, body any) (*httpclient.Response, error) {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return nil, fmt.Errorf("%s: %s: encoding request: %w", service, op, err)
		}
	}
	target := c.baseURL.JoinPath("customers", id)
	header := http.Header{"Accept": {"application/json"}, "X-Api-Key": {c.apiKey}}
	if payload != nil {
		header.Set("Content-Type", "application/json")
	}
	if c.signer != nil {
		// The signature covers these exact bytes, method and path.
		signature, err := c.signer.Sign(method, target, payload)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: signing the request: %w", service, op, err)
		}
		header.Set("Api-Signature", signature)
	}
	resp, err := c.http.Do(ctx, &httpclient.Request{Operation: op, Method: method, URL: target.String(), Header: header, Body: payload})
	if err != nil {
		return nil, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, resp.Explain(apiError(op, resp))
	}
	return resp, nil
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

// apiError turns a non-2xx answer into an APIError from NOAH's Error body when there is one.
func apiError(op string, resp *httpclient.Response) error {
	apiErr := &httpclient.APIError{Service: service, Operation: op, StatusCode: resp.StatusCode,
		NotFound: resp.StatusCode == http.StatusNotFound, Transient: Transient(resp)}
	var body errorBody
	if json.Unmarshal(resp.Body, &body) != nil || body.Type == "" {
		apiErr.Message = fmt.Sprintf("%s (%d bytes of %s)", http.StatusText(resp.StatusCode), len(resp.Body), resp.Header.Get("Content-Type"))
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
