package openproviderapi

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
	"github.com/customerhandles/terraform-provider-customers/internal/sandbox"
)

func handlesOf(customers []*Customer) []string {
	out := make([]string, len(customers))
	for i, c := range customers {
		out[i] = c.Handle
	}
	return out
}

// Customers pages by 1000 until the offset reaches data.total, under both answers to a limit
// above 1000 (the client never asks for more), and one page serves a list of exactly 1000.
func TestCustomersPages(t *testing.T) {
	for _, n := range []int{0, 1, 999, 1000, 1001, 2500} {
		for _, overMax := range []sandbox.OpenproviderListOverMax{sandbox.OpenproviderListOverMaxRefused, sandbox.OpenproviderListOverMaxClamped} {
			t.Run(fmt.Sprintf("%d customers, over max %d", n, overMax), func(t *testing.T) {
				srv, c := newSandboxClient(t)
				srv.Openprovider.SetBehaviour(sandbox.OpenproviderBehaviour{ListOverMax: overMax})
				handles, err := srv.SeedCustomers(sandbox.ServiceOpenprovider, n)
				if err != nil {
					t.Fatal(err)
				}
				got, err := httpclient.All(c.Customers(t.Context(), ListFilter{}))
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(handlesOf(got), handles) {
					t.Errorf("listed %d customers, want the %d seeded in order", len(got), n)
				}
				if want := max(1, (n+999)/1000); srv.ListCalls(sandbox.ServiceOpenprovider) != want {
					t.Errorf("%d list calls, want %d", srv.ListCalls(sandbox.ServiceOpenprovider), want)
				}
			})
		}
	}
}

// Each filter is sent as its pattern, and every one given must match.
func TestCustomersFilters(t *testing.T) {
	srv, c := newSandboxClient(t)
	handles, err := srv.SeedCustomers(sandbox.ServiceOpenprovider, 25)
	if err != nil {
		t.Fatal(err)
	}
	// Seeded customer k (from 1) is Seed Customer%06d, seed%06d@example.com, Seed Company k%10.
	seeded := func(ks ...int) []string {
		var out []string
		for _, k := range ks {
			out = append(out, handles[k-1])
		}
		return out
	}
	for name, tc := range map[string]struct {
		filter ListFilter
		want   []string
	}{
		"email":                {ListFilter{Email: "seed000007@example.com"}, seeded(7)},
		"email wildcard":       {ListFilter{Email: "seed00002*"}, seeded(20, 21, 22, 23, 24, 25)},
		"first name":           {ListFilter{FirstName: "Seed"}, handles},
		"first name, none":     {ListFilter{FirstName: "Nobody"}, nil},
		"last name wildcard":   {ListFilter{LastName: "Customer00001*"}, seeded(10, 11, 12, 13, 14, 15, 16, 17, 18, 19)},
		"company name":         {ListFilter{CompanyName: "Seed Company 3"}, seeded(3, 13, 23)},
		"handle":               {ListFilter{Handle: handles[4]}, seeded(5)},
		"company, last name":   {ListFilter{CompanyName: "Seed Company 3", LastName: "*1*"}, seeded(13)},
		"every filter at once": {ListFilter{Email: "seed*", FirstName: "Seed", LastName: "*23", CompanyName: "*3", Handle: handles[22]}, seeded(23)},
	} {
		t.Run(name, func(t *testing.T) {
			srv.ResetCounts()
			got, err := httpclient.All(c.Customers(t.Context(), tc.filter))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(handlesOf(got), tc.want) {
				t.Errorf("got %v, want %v", handlesOf(got), tc.want)
			}
			if n := srv.ListCalls(sandbox.ServiceOpenprovider); n != 1 {
				t.Errorf("%d list calls, want 1", n)
			}
		})
	}
	// The query carries the patterns and the additional data flag.
	var query string
	for _, r := range srv.Requests() {
		if r.Method == http.MethodGet && strings.Contains(r.RawQuery, "handle_pattern") && strings.Contains(r.RawQuery, "email_pattern") {
			query = r.RawQuery
		}
	}
	for _, want := range []string{"email_pattern=seed%2A", "first_name_pattern=Seed", "last_name_pattern=%2A23", "company_name_pattern=%2A3", "with_additional_data=true", "limit=1000", "offset=0"} {
		if !containsParam(query, want) {
			t.Errorf("query %q lacks %s", query, want)
		}
	}
}

func containsParam(query, param string) bool {
	return slices.Contains(strings.Split(query, "&"), param)
}

// A consumer that stops reading stops the listing: no further page is requested.
func TestCustomersStopsWithTheConsumer(t *testing.T) {
	srv, c := newSandboxClient(t)
	if _, err := srv.SeedCustomers(sandbox.ServiceOpenprovider, 2500); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ read, calls int }{{1, 1}, {1000, 1}, {1001, 2}, {2001, 3}} {
		srv.ResetCounts()
		read := 0
		for _, err := range c.Customers(t.Context(), ListFilter{}) {
			if err != nil {
				t.Fatal(err)
			}
			if read++; read == tc.read {
				break
			}
		}
		if n := srv.ListCalls(sandbox.ServiceOpenprovider); n != tc.calls {
			t.Errorf("reading %d: %d list calls, want %d", tc.read, n, tc.calls)
		}
	}
}

// Deleted handles are left out even where the list shows them (ListDeleted), and still count in
// data.total, so paging goes on past them.
func TestCustomersSkipsDeleted(t *testing.T) {
	srv, c := newSandboxClient(t)
	srv.Openprovider.SetBehaviour(sandbox.OpenproviderBehaviour{ListDeleted: true})
	handles, err := srv.SeedCustomers(sandbox.ServiceOpenprovider, 1002)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteCustomer(t.Context(), handles[0]); err != nil {
		t.Fatal(err)
	}
	srv.ResetCounts()
	got, err := httpclient.All(c.Customers(t.Context(), ListFilter{}))
	if err != nil || !slices.Equal(handlesOf(got), handles[1:]) || srv.ListCalls(sandbox.ServiceOpenprovider) != 2 {
		t.Fatalf("%d customers, %d calls, %v", len(got), srv.ListCalls(sandbox.ServiceOpenprovider), err)
	}
}

// A refused page ends the listing with the error.
func TestCustomersError(t *testing.T) {
	s := newStub(t, loginOK, func(*http.Request) reply {
		return reply{status: http.StatusInternalServerError, body: `{"code":100,"desc":"bad offset"}`}
	})
	got, err := httpclient.All(newTestClient(s.URL, testUser, testPassword).Customers(t.Context(), ListFilter{}))
	if err == nil || len(got) != 0 {
		t.Fatalf("got %d customers, err %v", len(got), err)
	}
}

// findCreated reads every page of the matches, not only the first.
func TestFindCreatedReadsEveryPage(t *testing.T) {
	want := &Customer{Name: &Name{FirstName: "Jane", LastName: "Doe"}, Email: "jane@example.com"}
	s := newStub(t, loginOK, func(r *http.Request) reply {
		offset := r.URL.Query().Get("offset")
		var results []string
		switch offset {
		case "0":
			for i := range 1000 {
				results = append(results, fmt.Sprintf(`{"id":%d,"handle":"XX%d-XX","name":{"first_name":"Other","last_name":"Doe"},"email":"jane@example.com"}`, i+1, i+1))
			}
		case "1000":
			results = append(results, `{"id":5000,"handle":"JD5000-XX","name":{"first_name":"Jane","last_name":"Doe"},"email":"jane@example.com"}`)
		}
		body := `{"code":0,"data":{"total":1001,"results":[` + strings.Join(results, ",") + `]}}`
		return reply{status: http.StatusOK, body: body}
	})
	got, err := newTestClient(s.URL, testUser, testPassword).findCreated(t.Context(), want)
	if err != nil || got != "JD5000-XX" || s.calls.Load() != 2 {
		t.Fatalf("found %q after %d calls, %v", got, s.calls.Load(), err)
	}
}
