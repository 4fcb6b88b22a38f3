package kycapi

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

// listPageSize is the largest page NOAH serves.
const listPageSize = 100

// listPage is an answer of GET /customers.
type listPage struct {
	Items     []Customer `json:"Items"`
	PageToken string     `json:"PageToken"`
}

// Customers lists the customers, page by page (100 a request, signed like every request), in
// NOAH's order (newest first). A page is requested only when the consumer asks for a customer
// beyond the previous one: stopping the loop stops the listing. The list ends with a page without
// a PageToken (absent or empty); an empty last page is no error. After an error the sequence ends.
func (c *Client) Customers(ctx context.Context) iter.Seq2[*Customer, error] {
	return func(yield func(*Customer, error) bool) {
		const op = "list customers"
		token := ""
		for {
			query := url.Values{"PageSize": {strconv.Itoa(listPageSize)}}
			if token != "" {
				query.Set("PageToken", token)
			}
			target := c.Base.JoinPath("customers")
			target.RawQuery = query.Encode()
			var page listPage
			if _, err := c.HTTP.CallJSON(ctx, httpclient.Call{Operation: op, Method: http.MethodGet, URL: target.String()}, &page); err != nil {
				yield(nil, err)
				return
			}
			for i := range page.Items {
				if !yield(&page.Items[i], nil) {
					return
				}
			}
			if page.PageToken == "" || page.PageToken == token {
				// A token that does not move on would page forever.
				return
			}
			token = page.PageToken
		}
	}
}
