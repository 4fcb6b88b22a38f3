// Package ecurring manages eCurring customers: the API client (this file and api.go, free of
// Terraform types), the ecurring_customer resource and the ecurring_customer(s) data sources.
package ecurring

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

const (
	service   = "ecurring"
	mediaType = "application/vnd.api+json"
	// attributePointer prefixes the JSON pointer of an attribute in an error's source.
	attributePointer = "/data/attributes/"
	// pageSize is the largest page eCurring serves, to list in as few calls as possible.
	pageSize = 50
)

// Config is what a Client needs; BaseURL has no trailing slash.
type Config struct {
	BaseURL string
	APIKey  string
}

// Client calls eCurring's customer API. It is safe for concurrent use.
type Client struct {
	baseURL *url.URL
	apiKey  string
	http    *httpclient.Client
}

// NewClient returns a client; it fails only on a base URL that does not parse.
func NewClient(cfg Config, hc *httpclient.Client) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil {
		return nil, fmt.Errorf("eCurring base URL: %w", err)
	}
	hc.AddSecret(cfg.APIKey)
	return &Client{baseURL: u, apiKey: cfg.APIKey, http: hc}, nil
}

// CreateCustomer creates a customer from the attributes that are set and returns it as stored.
func (c *Client) CreateCustomer(ctx context.Context, attrs Attributes) (*Customer, error) {
	body := writeDocument{Data: writeResource{Type: "customer", Attributes: attrs}}
	return c.customerCall(ctx, "create customer", http.MethodPost, c.endpoint("/customers"), body)
}

// GetCustomer reads a customer; httpclient.IsNotFound tells a customer that does not exist.
func (c *Client) GetCustomer(ctx context.Context, id string) (*Customer, error) {
	return c.customerCall(ctx, "read customer "+id, http.MethodGet, c.endpoint("/customers/"+url.PathEscape(id)), nil)
}

// UpdateCustomer changes the given attributes and returns the customer as stored.
func (c *Client) UpdateCustomer(ctx context.Context, id string, attrs Attributes) (*Customer, error) {
	body := writeDocument{Data: writeResource{Type: "customer", ID: id, Attributes: attrs}}
	return c.customerCall(ctx, "update customer "+id, http.MethodPatch, c.endpoint("/customers/"+url.PathEscape(id)), body)
}

// ListCustomers returns every customer, following the pages' next links, and keeps those for
// which keep returns true (nil keeps all).
func (c *Client) ListCustomers(ctx context.Context, keep func(*Customer) bool) ([]*Customer, error) {
	const op = "list customers"
	next := c.endpoint("/customers?" + url.Values{"page[number]": {"1"}, "page[size]": {fmt.Sprint(pageSize)}}.Encode())
	var out []*Customer
	for next != "" {
		var page listDocument
		if err := c.call(ctx, op, http.MethodGet, next, nil, &page); err != nil {
			return nil, err
		}
		for _, r := range page.Data {
			customer, err := customerOf(op, r)
			if err != nil {
				return nil, err
			}
			if keep == nil || keep(customer) {
				out = append(out, customer)
			}
		}
		next = ""
		if page.Links.Next != nil && *page.Links.Next != "" {
			var err error
			if next, err = c.sameOrigin(op, *page.Links.Next); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// sameOrigin resolves a link of the API and refuses one that leaves the API's host: the API
// key travels with every request.
func (c *Client) sameOrigin(op, link string) (string, error) {
	u, err := c.baseURL.Parse(link)
	if err != nil || u.Scheme != c.baseURL.Scheme || u.Host != c.baseURL.Host {
		return "", &httpclient.APIError{Service: service, Operation: op, StatusCode: http.StatusOK,
			Message: fmt.Sprintf("the next page link %q does not point at %s", link, c.baseURL.Host)}
	}
	return u.String(), nil
}

func (c *Client) endpoint(path string) string { return c.baseURL.String() + path }

func (c *Client) customerCall(ctx context.Context, op, method, url string, body any) (*Customer, error) {
	var doc document
	if err := c.call(ctx, op, method, url, body, &doc); err != nil {
		return nil, err
	}
	return customerOf(op, doc.Data)
}

func customerOf(op string, r resourceObject) (*Customer, error) {
	if r.Type != "customer" || r.ID == "" || r.Attributes == nil {
		return nil, &httpclient.APIError{Service: service, Operation: op, StatusCode: http.StatusOK,
			Message: fmt.Sprintf("the answer is not a customer document (type %q, id %q)", r.Type, r.ID)}
	}
	r.Attributes.ID = r.ID
	return r.Attributes, nil
}

// call sends one request and decodes a 2xx answer into out.
func (c *Client) call(ctx context.Context, op, method, url string, body, out any) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return fmt.Errorf("%s: %s: encoding request: %w", service, op, err)
		}
	}
	header := http.Header{"Accept": {mediaType}, "X-Authorization": {c.apiKey}}
	if payload != nil {
		header.Set("Content-Type", mediaType)
	}
	resp, err := c.http.Do(ctx, &httpclient.Request{Operation: op, Method: method, URL: url, Header: header, Body: payload})
	if err != nil {
		return err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return apiError(op, resp)
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return &httpclient.APIError{Service: service, Operation: op, StatusCode: resp.StatusCode,
			Message: fmt.Sprintf("cannot decode the answer (%d bytes of %s): %v", len(resp.Body), resp.Header.Get("Content-Type"), err)}
	}
	return nil
}

// apiError turns a non-2xx answer into an APIError, reading JSON:API errors when the body has
// them. Field problems keep the attribute name when the pointer addresses an attribute.
func apiError(op string, resp *httpclient.Response) error {
	apiErr := &httpclient.APIError{
		Service:    service,
		Operation:  op,
		StatusCode: resp.StatusCode,
		NotFound:   resp.StatusCode == http.StatusNotFound,
	}
	var doc errorDocument
	if json.Unmarshal(resp.Body, &doc) != nil || len(doc.Errors) == 0 {
		apiErr.Message = fmt.Sprintf("%s (%d bytes of %s)", http.StatusText(resp.StatusCode), len(resp.Body), contentType(resp))
		return apiErr
	}
	first := doc.Errors[0]
	apiErr.Code = first.Code
	if apiErr.Code == "" {
		apiErr.Code = first.Title
	}
	var messages []string
	for _, e := range doc.Errors {
		text := strings.TrimSpace(e.Detail)
		if text == "" {
			text = e.Title
		}
		field := strings.TrimPrefix(e.Source.Pointer, attributePointer)
		if field == "" {
			field = e.Source.Parameter
		}
		if field != "" {
			apiErr.Fields = append(apiErr.Fields, httpclient.FieldProblem{Field: field, Problem: text})
		} else {
			messages = append(messages, text)
		}
	}
	apiErr.Message = strings.Join(messages, "; ")
	return apiErr
}

func contentType(resp *httpclient.Response) string {
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		return ct
	}
	return "no content type"
}
