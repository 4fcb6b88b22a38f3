// Package openproviderapi is the client of Openprovider's customer API: the wire types, the
// session login, and every call the provider makes. It imports nothing from Terraform's plugin
// framework: what the resource needs it gets as plain Go values.
package openproviderapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

const service = "openprovider"

// Vendor codes the client acts on.
const (
	codeAuthFailed      = 196 // bad or expired token, or bad credentials
	codeHandleUnknown   = 193 // handle not recognized
	codeCustomerMissing = 176 // customer handle not found
)

// inUseCodes are the codes with which Openprovider refuses to delete a handle that is still used.
var inUseCodes = map[string]string{
	"6200": "the customer still has domains",
	"6206": "it is the reseller's default handle",
	"187":  "the handle is attached to domains",
	"186":  "the handle is in use by another object",
}

// loginHints say what to do about the login refusals a user can fix.
var loginHints = map[string]string{
	"196":   "check the Openprovider username and password",
	"10005": "this IP address is blacklisted after too many identical calls; ask Openprovider support to lift it",
	"10006": "the API user has two-factor authentication enabled, which the API refuses; use a dedicated API user without 2FA",
	"10008": "API access is disabled for this account; enable it in the Openprovider control panel",
}

// Settings are what a Client needs.
type Settings struct {
	BaseURL  string
	Username string
	Password string
	// HTTP paces and retries the requests; the client sets the service's own parts (its name,
	// what an error answer means, what is server trouble).
	HTTP httpclient.Config
	// Sessions shares login tokens between clients with the same base URL and credentials; nil
	// gives the client sessions of its own.
	Sessions *Sessions
}

// Client calls Openprovider's customer API. It is safe for concurrent use.
type Client struct {
	httpclient.Endpoint
	session *session
}

// New returns a client that logs in on its first call; it fails only on a base URL that does
// not parse.
func New(settings Settings) (*Client, error) {
	cfg := settings.HTTP
	cfg.Service, cfg.Transient, cfg.Refusal = service, Transient, refusal
	cfg.BaseURL, cfg.Secrets = settings.BaseURL, []string{settings.Password}
	endpoint, err := httpclient.NewEndpoint(cfg)
	if err != nil {
		return nil, err
	}
	if settings.Sessions == nil {
		settings.Sessions = &Sessions{}
	}
	return &Client{endpoint, settings.Sessions.get(endpoint, settings.Username, settings.Password)}, nil
}

// CreateCustomer creates a handle and returns it. It never creates a customer twice: when a create
// may have been carried out although it failed (no answer after sending it, a cancelled apply,
// server trouble), it looks for the customer it would have made (reconcile) and adopts it, and
// only sends the create again when there is none.
func (c *Client) CreateCustomer(ctx context.Context, customer *Customer) (string, error) {
	return httpclient.CreateOnce(ctx, c.HTTP,
		func(ctx context.Context) (string, error) { return c.createOnce(ctx, customer) },
		func(ctx context.Context) (string, bool, error) {
			handle, err := c.findCreated(ctx, customer)
			return handle, handle != "", err
		})
}

func (c *Client) createOnce(ctx context.Context, customer *Customer) (string, error) {
	var data createData
	if err := c.call(ctx, "create customer", http.MethodPost, "/customers", customer, &data); err != nil {
		return "", err
	}
	if data.Handle == "" {
		return "", &httpclient.APIError{Service: service, Operation: "create customer", StatusCode: http.StatusOK, Message: "the response carries no handle"}
	}
	return data.Handle, nil
}

// findCreated finds the customer a create of want may have made: the newest (highest id)
// customer with the same e-mail address and last name whose every field listed equals want's.
// Fax and VAT number are not compared: Openprovider's list omits them. It reads every page of
// the matches.
func (c *Client) findCreated(ctx context.Context, want *Customer) (string, error) {
	best := Customer{}
	for got, err := range c.customers(ctx, "look for a created customer", ListFilter{Email: want.Email, LastName: want.Name.LastName}) {
		if err != nil {
			return "", err
		}
		if got.ID > best.ID && sameListedCustomer(want, got) {
			best = *got
		}
	}
	return best.Handle, nil
}

// GetCustomer reads a handle with its additional data. A handle that does not exist (or was
// deleted) gives an error for which httpclient.IsNotFound is true.
func (c *Client) GetCustomer(ctx context.Context, handle string) (*Customer, error) {
	var customer Customer
	op := "read customer " + handle
	path := "/customers/" + url.PathEscape(handle) + "?with_additional_data=true"
	if err := c.call(ctx, op, http.MethodGet, path, nil, &customer); err != nil {
		return nil, err
	}
	if customer.Handle == "" {
		return nil, &httpclient.APIError{Service: service, Operation: op, StatusCode: http.StatusOK, Message: "the response carries no customer"}
	}
	if customer.IsDeleted {
		// Handles are soft-deleted: one read back with is_deleted is gone for good.
		return nil, &httpclient.APIError{Service: service, Operation: op, StatusCode: http.StatusOK, NotFound: true, Message: "the customer was deleted (is_deleted is true)"}
	}
	return &customer, nil
}

// UpdateCustomer sends the values customer sets, and an empty value for each field toClear names
// (a JSON path such as "vat", "fax", "address.suffix" or "additional_data.birth_city"), which is
// how a stored value is removed. Name and CompanyName must be nil: the API ignores changes to
// them. Whether the API kept what was sent only a later read tells: the answer is a bare success.
func (c *Client) UpdateCustomer(ctx context.Context, handle string, customer *Customer, toClear ...string) error {
	if customer.Name != nil || customer.CompanyName != nil {
		return errors.New("openprovider: update customer: name and company_name cannot be changed")
	}
	op := "update customer " + handle
	body, err := withCleared(customer, toClear)
	if err != nil {
		return fmt.Errorf("%s: %s: %w", service, op, err)
	}
	var data successData
	if err := c.call(ctx, op, http.MethodPut, "/customers/"+url.PathEscape(handle), body, &data); err != nil {
		return err
	}
	return data.check(op)
}

// withCleared is customer's JSON object with the empty value of each path in toClear added.
func withCleared(customer *Customer, toClear []string) (any, error) {
	if len(toClear) == 0 {
		return customer, nil
	}
	raw, err := json.Marshal(customer)
	if err != nil {
		return nil, err
	}
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		return nil, err
	}
	for _, field := range toClear {
		empty, ok := clearValue(field)
		if !ok {
			return nil, fmt.Errorf("cannot clear %q: not an optional field", field)
		}
		parent := body
		parts := strings.Split(field, ".")
		for _, key := range parts[:len(parts)-1] {
			child, ok := parent[key].(map[string]any)
			if !ok {
				child = map[string]any{}
				parent[key] = child
			}
			parent = child
		}
		parent[parts[len(parts)-1]] = empty
	}
	return body, nil
}

// clearValue is the empty value that removes the optional field at path.
func clearValue(path string) (any, bool) {
	switch path {
	case "vat", "comments", "address.suffix", "address.state", "phone.area_code", "fax.area_code":
		return "", true
	case "fax":
		// The request has no other way to say "no fax" (see the vendor behaviour register).
		return map[string]string{"country_code": "", "area_code": "", "subscriber_number": ""}, true
	case "tags", "extension_additional_data", "additional_data.attached_files":
		return []any{}, true
	case "additional_data":
		return map[string]any{}, true
	}
	field, ok := strings.CutPrefix(path, "additional_data.")
	return "", ok && AdditionalDataFields[field]
}

// AdditionalDataFields are the JSON names of AdditionalData's text fields.
var AdditionalDataFields = func() map[string]bool {
	fields := map[string]bool{}
	t := reflect.TypeFor[AdditionalData]()
	for i := range t.NumField() {
		if t.Field(i).Type.Kind() == reflect.String {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			fields[name] = true
		}
	}
	return fields
}()

// DeleteCustomer deletes a handle. Deleting a handle that is already gone succeeds.
func (c *Client) DeleteCustomer(ctx context.Context, handle string) error {
	var data successData
	op := "delete customer " + handle
	err := c.call(ctx, op, http.MethodDelete, "/customers/"+url.PathEscape(handle), nil, &data)
	if httpclient.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return data.check(op)
}

// InUseReason explains why Openprovider refused to delete a handle that is still in use, or
// returns "" when err is not such a refusal.
func InUseReason(err error) string {
	var apiErr *httpclient.APIError
	if errors.As(err, &apiErr) {
		return inUseCodes[apiErr.Code]
	}
	return ""
}

// successData is the answer to update and delete; "success" is a boolean, sometimes the string "true".
type successData struct {
	Success json.RawMessage `json:"success"`
}

func (d successData) check(op string) error {
	switch strings.Trim(string(d.Success), `"`) {
	case "true", "1", "":
		// An absent flag with code 0 is a success: the envelope's code is authoritative.
		return nil
	}
	return &httpclient.APIError{Service: service, Operation: op, StatusCode: http.StatusOK, Message: "the API answered code 0 but success " + string(d.Success)}
}

// call sends one authenticated request and decodes data of a code-0 envelope into out. On an
// authentication failure it logs in again, once, and repeats the request.
func (c *Client) call(ctx context.Context, op, method, path string, body, out any) error {
	for renewed := false; ; renewed = true {
		token, generation, err := c.session.token(ctx)
		if err != nil {
			return err
		}
		var env envelope
		_, err = c.HTTP.CallJSON(ctx, httpclient.Call{Operation: op, Method: method, URL: c.URL(path),
			Header: http.Header{"Authorization": {"Bearer " + token}}, Body: body}, &env)
		if !renewed && staleToken(err) {
			c.session.expire(generation)
			continue
		}
		if err != nil || out == nil || len(env.Data) == 0 {
			return err
		}
		if err := json.Unmarshal(env.Data, out); err != nil {
			return &httpclient.APIError{Service: service, Operation: op, StatusCode: http.StatusOK, Message: "cannot decode the response data: " + err.Error()}
		}
		return nil
	}
}

// staleToken reports whether err refuses the session token: a 401 whatever its body says (a
// proxy may answer it in HTML), or Openprovider's authentication code.
func staleToken(err error) bool {
	var apiErr *httpclient.APIError
	return errors.As(err, &apiErr) && (apiErr.StatusCode == http.StatusUnauthorized || apiErr.Code == strconv.Itoa(codeAuthFailed))
}

// Transient tells server trouble from Openprovider's verdicts: Openprovider answers every business
// error, HTTP 500 included, with its envelope and a code, so a 5xx without one (a crash page, a
// gateway) says nothing about the request. The provider hands it to the HTTP client's retries.
func Transient(resp *httpclient.Response) bool {
	if resp.StatusCode < 500 {
		return false
	}
	var probe struct {
		Code *int `json:"code"`
	}
	return json.Unmarshal(resp.Body, &probe) != nil || probe.Code == nil
}

// refusal reads the envelope of any answer and returns its error. Success is decided by its
// code, never by the HTTP status alone: Openprovider answers many business errors with HTTP 500,
// and some authentication failures with HTTP 200.
func refusal(op string, resp *httpclient.Response) error {
	// The pointer tells a missing code (not an envelope at all) from code 0 (success).
	var wire struct {
		envelope
		Code *int `json:"code"`
	}
	if err := json.Unmarshal(resp.Body, &wire); err != nil || wire.Code == nil {
		return &httpclient.APIError{
			Service:    service,
			Operation:  op,
			StatusCode: resp.StatusCode,
			Transient:  Transient(resp),
			Message:    fmt.Sprintf("the answer is not an Openprovider JSON envelope (%d bytes of %s)", len(resp.Body), resp.ContentType()),
		}
	}
	env := wire.envelope
	env.Code = *wire.Code
	if env.Code == 0 && !resp.Success() {
		// An HTTP error without an error code (a gateway's answer, say) is still an error.
		env.Code = -1
	}
	return env.err(op, resp.StatusCode)
}

func (env *envelope) err(op string, status int) error {
	if env.Code == 0 {
		return nil
	}
	apiErr := &httpclient.APIError{
		Service:    service,
		Operation:  op,
		StatusCode: status,
		Message:    env.Desc,
		NotFound:   env.Code == codeHandleUnknown || env.Code == codeCustomerMissing,
	}
	if env.Code > 0 {
		apiErr.Code = strconv.Itoa(env.Code)
	}
	if detail := errorDetail(env.Data); detail != "" {
		apiErr.Message += " (" + detail + ")"
	}
	if env.Maintenance {
		apiErr.Message += " (the API is in maintenance)"
	}
	return apiErr
}

// errorDetail returns the extra description an error envelope may carry in data as a string.
func errorDetail(data json.RawMessage) string {
	var s string
	if json.Unmarshal(data, &s) == nil {
		return strings.TrimSpace(s)
	}
	return ""
}
