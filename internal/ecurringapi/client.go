// Package ecurringapi is the client of eCurring's customer API (JSON:API): the wire types and
// every call the provider makes. It imports nothing from Terraform's plugin framework.
package ecurringapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"

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

// Settings are what a Client needs.
type Settings struct {
	BaseURL string
	APIKey  string
	// HTTP paces and retries the requests; the client sets the service's own parts.
	HTTP httpclient.Config
}

// Client calls eCurring's customer API. It is safe for concurrent use.
type Client struct{ httpclient.Endpoint }

// New returns a client; it fails only on a base URL that does not parse.
func New(settings Settings) (*Client, error) {
	cfg := settings.HTTP
	cfg.Service, cfg.MediaType, cfg.Transient, cfg.Refusal = service, mediaType, Transient, refusal
	cfg.BaseURL, cfg.Secrets = settings.BaseURL, []string{settings.APIKey}
	cfg.Authorize = func(req *httpclient.Request) error {
		req.Header.Set("X-Authorization", settings.APIKey)
		return nil
	}
	endpoint, err := httpclient.NewEndpoint(cfg)
	if err != nil {
		return nil, err
	}
	return &Client{endpoint}, nil
}

// CreateCustomer creates a customer from the attributes that are set and returns it as stored. It
// never creates a customer twice: when a create may have been carried out although it failed (no
// answer after sending it, a cancelled apply, server trouble), it looks for the customer it would
// have made and adopts it, and only sends the create again when there is none.
func (c *Client) CreateCustomer(ctx context.Context, attrs Attributes) (*Customer, error) {
	return httpclient.CreateOnce(ctx, c.HTTP,
		func(ctx context.Context) (*Customer, error) { return c.createOnce(ctx, attrs) },
		func(ctx context.Context) (*Customer, bool, error) {
			found, err := c.findCreated(ctx, attrs)
			return found, found != nil, err
		})
}

func (c *Client) createOnce(ctx context.Context, attrs Attributes) (*Customer, error) {
	body := writeDocument{Data: writeResource{Type: "customer", Attributes: attrs}}
	return c.customerCall(ctx, "create customer", http.MethodPost, c.URL("/customers"), body)
}

// findCreated finds the customer a create of want may have made: the newest (highest id)
// customer whose every writable attribute equals want's (unset ones unset; one eCurring fills in
// itself may hold anything when want leaves it out). A lost create is among the newest customers,
// and eCurring documents no list order, so it reads the first page and the last, then pages back
// from the last, at most lookupPages after the first.
func (c *Client) findCreated(ctx context.Context, want Attributes) (*Customer, error) {
	const op = "look for a created customer"
	page, err := c.firstPage(ctx, op)
	var best *Customer
	for read := 0; err == nil; read++ {
		for _, r := range page.Data {
			got, err := customerOf(op, r)
			if err != nil {
				return nil, err
			}
			if sameAttributes(want, got) && (best == nil || newer(got, best)) {
				best = got
			}
		}
		next := page.Links.Prev
		if read == 0 {
			next = nil
			if page.Links.Next != nil && *page.Links.Next != "" {
				next = page.Links.Last
			}
		} else if best != nil {
			return best, nil
		}
		if next == nil || *next == "" || read >= lookupPages {
			return best, nil
		}
		page, err = c.page(ctx, op, *next)
	}
	return nil, err
}

// firstPage reads the first page of the customer list, in the largest pages eCurring serves.
func (c *Client) firstPage(ctx context.Context, op string) (listDocument, error) {
	var page listDocument
	query := url.Values{"page[number]": {"1"}, "page[size]": {fmt.Sprint(pageSize)}}
	err := c.call(ctx, op, http.MethodGet, c.URL("/customers?"+query.Encode()), nil, &page)
	return page, err
}

// page reads one page of the customer list by a link the API gave.
func (c *Client) page(ctx context.Context, op, link string) (listDocument, error) {
	var page listDocument
	target, err := c.sameOrigin(op, link)
	if err == nil {
		err = c.call(ctx, op, http.MethodGet, target, nil, &page)
	}
	return page, err
}

// lookupPages bounds how far back findCreated pages.
const lookupPages = 4

// newer compares numeric ids (as strings, "10" is newer than "9").
func newer(a, b *Customer) bool {
	if len(a.ID) != len(b.ID) {
		return len(a.ID) > len(b.ID)
	}
	return a.ID > b.ID
}

// serverFilled are the writable attributes eCurring fills in when a create leaves them out.
var serverFilled = map[string]bool{AttrLanguage: true}

// sameAttributes reports whether got holds exactly the writable attributes want sets.
func sameAttributes(want Attributes, got *Customer) bool {
	for name, v := range got.writable() {
		p, sent := want[name]
		switch {
		case !sent && serverFilled[name]:
		case p == nil && v != "", p != nil && *p != v:
			return false
		}
	}
	return true
}

// GetCustomer reads a customer; httpclient.IsNotFound tells a customer that does not exist.
func (c *Client) GetCustomer(ctx context.Context, id string) (*Customer, error) {
	return c.customerCall(ctx, "read customer "+id, http.MethodGet, c.URL("/customers/"+url.PathEscape(id)), nil)
}

// UpdateCustomer changes the given attributes and returns the customer as stored; a nil value
// clears its attribute. eCurring does not document how to clear one, so the PATCH sends null
// (what JSON:API means by it), and where eCurring refuses null or keeps the value, clears with
// "": the form in which eCurring itself reports some unset attributes, and which reads back as
// unset. What eCurring holds afterwards is the answer, even if it still keeps a value: the
// caller compares it with what it asked for.
func (c *Client) UpdateCustomer(ctx context.Context, id string, attrs Attributes) (*Customer, error) {
	var cleared []string
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		if attrs[name] == nil {
			cleared = append(cleared, name)
		}
	}
	updated, err := c.patch(ctx, id, attrs)
	if err != nil {
		if !refusedOnly(err, cleared) {
			return nil, err
		}
		retry := maps.Clone(attrs)
		for _, name := range cleared {
			retry[name] = new(string)
		}
		if updated, err = c.patch(ctx, id, retry); err != nil {
			return nil, fmt.Errorf("eCurring refused to clear %s, both with null and with an empty value; set a value "+
				"in the configuration or clear it in eCurring's dashboard: %w", strings.Join(cleared, ", "), err)
		}
		return updated, nil
	}
	retry := Attributes{}
	for _, name := range cleared {
		if updated.writable()[name] != "" {
			retry[name] = new(string)
		}
	}
	if len(retry) == 0 {
		return updated, nil
	}
	again, err := c.patch(ctx, id, retry)
	if err != nil {
		// The first PATCH was applied: its answer is the truth, and the caller reports what it kept.
		tflog.Warn(ctx, "eCurring kept attributes it was asked to clear, and refused an empty value for them", map[string]any{
			"id": id, "attributes": slices.Sorted(maps.Keys(retry)), "error": err.Error(),
		})
		return updated, nil //nolint:nilerr // see above: the refusal is logged, what eCurring kept is reported by the caller
	}
	return again, nil
}

func (c *Client) patch(ctx context.Context, id string, attrs Attributes) (*Customer, error) {
	body := writeDocument{Data: writeResource{Type: "customer", ID: id, Attributes: attrs}}
	return c.customerCall(ctx, "update customer "+id, http.MethodPatch, c.URL("/customers/"+url.PathEscape(id)), body)
}

// refusedOnly reports whether err is eCurring's verdict against some of the cleared attributes
// and nothing else: then the values it refused are the nulls.
func refusedOnly(err error, cleared []string) bool {
	var apiErr *httpclient.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode < 400 || apiErr.StatusCode > 499 || apiErr.NotFound ||
		apiErr.Message != "" || len(apiErr.Fields) == 0 {
		return false
	}
	for _, f := range apiErr.Fields {
		if !slices.Contains(cleared, f.Field) {
			return false
		}
	}
	return true
}

// sameOrigin resolves a link of the API and refuses one that leaves the API's host: the API
// key travels with every request.
func (c *Client) sameOrigin(op, link string) (string, error) {
	u, err := c.Base.Parse(link)
	if err != nil || u.Scheme != c.Base.Scheme || u.Host != c.Base.Host {
		return "", &httpclient.APIError{Service: service, Operation: op, StatusCode: http.StatusOK,
			Message: fmt.Sprintf("the next page link %q does not point at %s", link, c.Base.Host)}
	}
	return u.String(), nil
}

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
	_, err := c.HTTP.CallJSON(ctx, httpclient.Call{Operation: op, Method: method, URL: url, Body: body}, out)
	return err
}

// Transient tells server trouble from eCurring's verdicts: eCurring reports no verdict on a
// request with a 5xx, so every 5xx is server trouble. The provider hands it to the HTTP client's retries.
func Transient(resp *httpclient.Response) bool { return resp.StatusCode >= 500 }

// refusal turns a non-2xx answer into an APIError, reading JSON:API errors when the body has
// them. Field problems keep the attribute name when the pointer addresses an attribute.
func refusal(op string, resp *httpclient.Response) error {
	if resp.Success() {
		return nil
	}
	apiErr := &httpclient.APIError{
		Service:    service,
		Operation:  op,
		StatusCode: resp.StatusCode,
		NotFound:   resp.StatusCode == http.StatusNotFound,
		Transient:  Transient(resp),
	}
	var doc errorDocument
	if json.Unmarshal(resp.Body, &doc) != nil || len(doc.Errors) == 0 {
		apiErr.Message = fmt.Sprintf("%s (%d bytes of %s)", http.StatusText(resp.StatusCode), len(resp.Body), resp.ContentType())
		apiErr.Message += unauthorizedHint(resp.StatusCode)
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
	apiErr.Message = strings.Join(messages, "; ") + unauthorizedHint(resp.StatusCode)
	return apiErr
}

// unauthorizedHint says where a refused key comes from, as the other services' errors do: a
// 401 is the one refusal the user fixes outside Terraform.
func unauthorizedHint(status int) string {
	if status != http.StatusUnauthorized {
		return ""
	}
	return `. Check the API key in ecurring.api_key or ECURRING_API_KEY: it is the key from the eCurring dashboard of the account that holds the customers, as-is (no "Bearer" prefix)`
}
