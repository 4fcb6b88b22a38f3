package openproviderapi

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
)

// listLimit is the largest page Openprovider serves (and the most the client ever asks for: what
// a larger limit does is not known, see the vendor behaviour register).
const listLimit = 1000

// ListFilter narrows a customer list with Openprovider's patterns: a full or partial value in
// which `*` is any run of characters. An empty field is no filter; every field set must match.
type ListFilter struct {
	Email, FirstName, LastName, CompanyName, Handle string
}

func (f ListFilter) query() url.Values {
	q := url.Values{"with_additional_data": {"true"}, "limit": {strconv.Itoa(listLimit)}}
	for name, value := range map[string]string{
		"email_pattern":        f.Email,
		"first_name_pattern":   f.FirstName,
		"last_name_pattern":    f.LastName,
		"company_name_pattern": f.CompanyName,
		"handle_pattern":       f.Handle,
	} {
		if value != "" {
			q.Set(name, value)
		}
	}
	return q
}

// Customers lists the customers filter matches, page by page (1000 a request), in Openprovider's
// order, with their additional data but without fax and VAT number, which lists never carry.
// Deleted handles are left out. A page is requested only when the consumer asks for a customer
// beyond the previous one: stopping the loop stops the listing. After an error the sequence ends.
func (c *Client) Customers(ctx context.Context, filter ListFilter) iter.Seq2[*Customer, error] {
	return c.customers(ctx, "list customers", filter)
}

// customers is Customers under the name op in errors.
func (c *Client) customers(ctx context.Context, op string, filter ListFilter) iter.Seq2[*Customer, error] {
	return func(yield func(*Customer, error) bool) {
		query := filter.query()
		for offset := 0; ; {
			query.Set("offset", strconv.Itoa(offset))
			var page listData
			if err := c.call(ctx, op, http.MethodGet, "/customers?"+query.Encode(), nil, &page); err != nil {
				yield(nil, err)
				return
			}
			for i := range page.Results {
				if page.Results[i].IsDeleted {
					continue
				}
				if !yield(&page.Results[i], nil) {
					return
				}
			}
			// data.total counts the matches: the end is where the offset reaches it, whatever size
			// the pages are (a server that serves fewer than asked pages on). An empty page ends
			// the list too, so a wrong total cannot make it loop.
			offset += len(page.Results)
			if len(page.Results) == 0 || offset >= page.Total {
				return
			}
		}
	}
}
