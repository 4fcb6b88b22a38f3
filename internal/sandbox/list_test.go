package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// opList lists Openprovider customers and returns the handles of the page, data.total and
// whether the results key was there.
func (e *env) opList(query string) (handles []string, total int, hasResults bool) {
	e.t.Helper()
	r := e.do(http.MethodGet, base+"/customers"+query, nil)
	if r.Status != 200 || r.Code != 0 {
		e.t.Fatalf("list %s: %d %+v", query, r.Status, r.Raw)
	}
	d := obj(r.Data)
	results, hasResults := d["results"].([]any)
	for _, res := range results {
		handles = append(handles, obj(res)["handle"].(string))
	}
	n, _ := d["total"].(float64)
	return handles, int(n), hasResults
}

func TestOpenproviderListPagesOf1000(t *testing.T) {
	e := newEnv(t)
	seeded := e.s.Openprovider.Seed(2500)
	if len(seeded) != 2500 || len(e.s.Openprovider.Customers()) != 2500 {
		t.Fatalf("seeded %d, stored %d", len(seeded), len(e.s.Openprovider.Customers()))
	}
	e.s.ResetCounts()
	var all []string
	var sizes []int
	for offset := 0; ; offset += 1000 {
		page, total, has := e.opList(fmt.Sprintf("?limit=1000&offset=%d", offset))
		if total != 2500 {
			t.Errorf("offset %d: total %d", offset, total)
		}
		if !has {
			break
		}
		sizes = append(sizes, len(page))
		all = append(all, page...)
		if len(page) < 1000 {
			break // a short page is the last
		}
	}
	if !slices.Equal(sizes, []int{1000, 1000, 500}) || !slices.Equal(all, seeded) {
		t.Errorf("pages %v; same handles in creation order: %v", sizes, slices.Equal(all, seeded))
	}
	if n := e.s.ListCalls(ServiceOpenprovider); n != 3 {
		t.Errorf("ListCalls = %d, want 3", n)
	}
	// Past the end: the match count, and no results key.
	if page, total, has := e.opList("?limit=1000&offset=2500"); has || page != nil || total != 2500 {
		t.Errorf("past the end: %v %d %v", page, total, has)
	}
	// The default limit is 100.
	if page, _, _ := e.opList(""); len(page) != 100 {
		t.Errorf("default page: %d", len(page))
	}
	if n := e.s.ListCalls(ServiceOpenprovider); n != 5 {
		t.Errorf("ListCalls = %d, want 5", n)
	}
	// Seeded customers are valid ones, as the API would hold them.
	c := e.s.Openprovider.customers[seeded[2499]]
	if err := c.validate(e.s.Openprovider.tags); err != nil {
		t.Errorf("seeded customer invalid: %+v", err)
	}
	if got := e.get(seeded[2499], ""); got.Code != 0 || obj(got.Data)["email"] != "seed002500@example.com" {
		t.Errorf("GET seeded: %+v", got.Raw)
	}
	if more := e.s.Openprovider.Seed(1); more[0] == seeded[2499] || e.s.Openprovider.customers[more[0]].email != "seed002501@example.com" {
		t.Errorf("a second Seed continues the numbering: %v", more)
	}
}

// opListPeople are customers with distinct names, companies, comments and e-mail addresses.
func opListPeople(t *testing.T, o *Openprovider) []string {
	t.Helper()
	people := []struct{ first, last, company, email, comments string }{
		{"Ann", "Smith", "", "ann@example.com", ""},
		{"Bob", "Smithers", "Acme BV", "bob@EXAMPLE.org", "vip customer"},
		{"Cid", "Jones", "Acme Holding", "cid_x@example.com", ""},
		{"Dan", "Smith", "", "cidax@example.com", "Moved"},
		{"Joann", "Acme", "", "joann@example.com", ""},
	}
	var handles []string
	for _, p := range people {
		b := validCustomer()
		b["name"] = map[string]any{"first_name": p.first, "last_name": p.last}
		b["company_name"] = p.company
		b["email"] = p.email
		b["comments"] = p.comments
		b["vat"] = "NL123"
		b["fax"] = map[string]any{"country_code": "+31", "area_code": "20", "subscriber_number": "7654321"}
		h, err := o.AddCustomer(b)
		if err != nil {
			t.Fatal(err)
		}
		handles = append(handles, h)
	}
	return handles
}

func TestOpenproviderListFilters(t *testing.T) {
	e := newEnv(t)
	h := opListPeople(t, e.s.Openprovider)
	gone, _ := e.s.Openprovider.AddCustomer(validCustomer())
	e.s.Openprovider.DeleteOutOfBand(gone)

	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"", h},
		{"?email_pattern=ann@example.com", h[:1]}, // no "*": the whole value
		{"?email_pattern=ANN@Example.COM", h[:1]}, // case-insensitive by default
		{"?email_pattern=nn@example.com", nil},    // not a substring match
		{"?email_pattern=*@example.com", []string{h[0], h[2], h[3], h[4]}},
		{"?email_pattern=*@EXAMPLE.*", h},
		{"?email_pattern=cid_x@example.com", h[2:3]}, // "_" is a plain character
		{"?email_pattern=cid*x@*", h[2:4]},           // "*" may match nothing or "_"/"a"
		{"?first_name_pattern=jo*", h[4:5]},
		{"?first_name_pattern=*n", []string{h[0], h[3], h[4]}},
		{"?last_name_pattern=smith", []string{h[0], h[3]}},
		{"?last_name_pattern=smith*", []string{h[0], h[1], h[3]}},
		{"?last_name_pattern=*o*e*", h[2:3]},
		{"?company_name_pattern=acme*", h[1:3]},
		{"?company_name_pattern=acme%20bv", h[1:2]},
		{"?comment_pattern=*VIP*", h[1:2]},
		{"?handle_pattern=" + h[2], h[2:3]},
		{"?handle_pattern=" + strings.ToLower(h[2]), h[2:3]},
		{"?handle_pattern=*-NL", h},
		{"?pattern=acme*", []string{h[1], h[2], h[4]}}, // first, last or company name, or handle
		{"?pattern=" + h[3], h[3:4]},
		{"?email_pattern=*@example.com&last_name_pattern=smith", []string{h[0], h[3]}}, // every filter applies
		{"?email_pattern=*@example.com&last_name_pattern=smith&limit=1&offset=1", h[3:4]},
		{"?email_pattern=", h}, // an empty pattern is no filter
		{"?email_pattern=nobody@example.com", nil},
		{"?limit=2&offset=4", h[4:]},
	} {
		got, total, has := e.opList(tt.query)
		all, _, _ := e.opList(strings.Replace(strings.Replace(tt.query, "&limit=1&offset=1", "", 1), "?limit=2&offset=4", "", 1))
		if !slices.Equal(got, tt.want) || total != len(all) || has != (len(tt.want) > 0) {
			t.Errorf("%s: got %v (total %d, results key %v), want %v", tt.query, got, total, has, tt.want)
		}
	}
	if _, total, _ := e.opList("?limit=2&offset=4"); total != 5 {
		t.Errorf("total counts every match, not the page: %d", total)
	}

	// An empty result is exactly the recorded shape.
	r := e.do(http.MethodGet, base+"/customers?email_pattern=nobody*", nil)
	if b, _ := json.Marshal(r.Raw); string(b) != `{"code":0,"data":{"total":0},"desc":""}` {
		t.Errorf("empty result: %s", b)
	}

	// Results never carry fax, vat or inn; additional data only when asked for.
	for _, q := range []string{"?handle_pattern=" + h[1], "?handle_pattern=" + h[1] + "&with_additional_data=true", "?handle_pattern=" + h[1] + "&with_additional_data=1"} {
		res := obj(obj(e.do(http.MethodGet, base+"/customers"+q, nil).Data)["results"].([]any)[0])
		for _, k := range []string{"fax", "vat", "inn"} {
			if _, ok := res[k]; ok {
				t.Errorf("%s: result has %s", q, k)
			}
		}
		if res["comments"] != "vip customer" || res["is_deleted"] != false {
			t.Errorf("%s: result %v", q, res)
		}
	}
	if full := e.get(h[1], ""); obj(full.Data)["vat"] != "NL123" || obj(full.Data)["fax"] == nil {
		t.Errorf("GET of the same customer has vat and fax: %v", full.Data)
	}

	// Invalid parameters: HTTP 400, code 100.
	for _, q := range []string{"?limit=1001", "?limit=-1", "?limit=x", "?limit=1.5", "?offset=-1", "?offset=x"} {
		if r := e.do(http.MethodGet, base+"/customers"+q, nil); r.Status != 400 || r.Code != 100 || r.Data != nil {
			t.Errorf("%s: %d %+v", q, r.Status, r.Raw)
		}
	}
}

func TestOpenproviderListVariants(t *testing.T) {
	e := newEnv(t)
	h := opListPeople(t, e.s.Openprovider)
	gone, _ := e.s.Openprovider.AddCustomer(validCustomer())
	e.s.Openprovider.DeleteOutOfBand(gone)
	e.s.Openprovider.Seed(1100)

	for _, tt := range []struct {
		name  string
		b     OpenproviderBehaviour
		query string
		want  []string
	}{
		{"case-sensitive", OpenproviderBehaviour{PatternCase: OpenproviderPatternCaseSensitive}, "?last_name_pattern=smith*", nil},
		{"case-sensitive", OpenproviderBehaviour{PatternCase: OpenproviderPatternCaseSensitive}, "?last_name_pattern=Smith", []string{h[0], h[3]}},
		{"case-sensitive", OpenproviderBehaviour{PatternCase: OpenproviderPatternCaseSensitive}, "?email_pattern=*@EXAMPLE.*", h[1:2]},
		{"contains", OpenproviderBehaviour{PatternNoWildcard: OpenproviderPatternContains}, "?email_pattern=ann@example.com", []string{h[0], h[4]}},
		{"contains", OpenproviderBehaviour{PatternNoWildcard: OpenproviderPatternContains}, "?last_name_pattern=mit", []string{h[0], h[1], h[3]}},
		{"contains", OpenproviderBehaviour{PatternNoWildcard: OpenproviderPatternContains}, "?last_name_pattern=smith*", []string{h[0], h[1], h[3]}}, // with "*", anchored
		{"sql wildcards", OpenproviderBehaviour{PatternSQLWildcards: true}, "?email_pattern=cid_x@example.com", h[2:4]},
		{"sql wildcards", OpenproviderBehaviour{PatternSQLWildcards: true}, "?email_pattern=%25@example.org", h[1:2]},
		{"deleted listed", OpenproviderBehaviour{ListDeleted: true}, "?handle_pattern=" + gone, []string{gone}},
	} {
		restore := e.s.Openprovider.SetBehaviour(tt.b)
		got, total, _ := e.opList(tt.query)
		restore()
		if !slices.Equal(got, tt.want) || total != len(tt.want) {
			t.Errorf("%s %s: got %v total %d, want %v", tt.name, tt.query, got, total, tt.want)
		}
	}

	// Deleted handles listed: flagged, and counted.
	restore := e.s.Openprovider.SetBehaviour(OpenproviderBehaviour{ListDeleted: true})
	r := e.do(http.MethodGet, base+"/customers?handle_pattern="+gone, nil)
	if res := obj(obj(r.Data)["results"].([]any)[0]); res["is_deleted"] != true || res["deleted_at"] == "0000-00-00 00:00:00" {
		t.Errorf("deleted result %v", res)
	}
	if _, total, _ := e.opList("?limit=1"); total != 1106 {
		t.Errorf("total with deleted: %d", total)
	}
	restore()
	if _, total, _ := e.opList("?limit=1"); total != 1105 {
		t.Errorf("total without deleted: %d", total)
	}

	// A limit over 1000: refused by default, clamped under the variant.
	if r := e.do(http.MethodGet, base+"/customers?limit=5000", nil); r.Status != 400 || r.Code != 100 || r.Desc != "limit must be at most 1000" {
		t.Errorf("limit 5000: %d %+v", r.Status, r.Raw)
	}
	restore = e.s.Openprovider.SetBehaviour(OpenproviderBehaviour{ListOverMax: OpenproviderListOverMaxClamped})
	defer restore()
	if page, total, _ := e.opList("?limit=5000"); len(page) != 1000 || total != 1105 {
		t.Errorf("clamped: %d results, total %d", len(page), total)
	}
	if page, _, _ := e.opList("?limit=5000&offset=1000"); len(page) != 105 {
		t.Errorf("clamped second page: %d results", len(page))
	}
}

func TestPatternRegexp(t *testing.T) {
	for _, tt := range []struct {
		b          OpenproviderBehaviour
		pattern, s string
		want       bool
	}{
		{OpenproviderBehaviour{}, "a.c", "abc", false}, // regexp characters are literal
		{OpenproviderBehaviour{}, "a+", "aa", false},
		{OpenproviderBehaviour{}, "(x)", "(X)", true},
		{OpenproviderBehaviour{}, "a%c", "abc", false},
		{OpenproviderBehaviour{}, "**", "", true},
		{OpenproviderBehaviour{}, "a\nb", "A\nB", true},
		{OpenproviderBehaviour{PatternSQLWildcards: true}, "a%c", "abbbc", true},
		{OpenproviderBehaviour{PatternSQLWildcards: true}, "a_c", "ac", false},
		{OpenproviderBehaviour{PatternSQLWildcards: true, PatternNoWildcard: OpenproviderPatternContains}, "b_", "abcd", true},
		{OpenproviderBehaviour{PatternCase: OpenproviderPatternCaseSensitive}, "Ä*", "ä", false},
		{OpenproviderBehaviour{}, "Ä*", "äb", true},
	} {
		if got := patternRegexp(tt.pattern, tt.b).MatchString(tt.s); got != tt.want {
			t.Errorf("%+v %q ~ %q = %v", tt.b, tt.pattern, tt.s, got)
		}
	}
}

// ecListAll follows links.next from query and returns the ids, the page sizes and the last
// page's links.
func (e *ecEnv) ecListAll(query string) (ids []string, sizes []int, last map[string]any) {
	e.t.Helper()
	next := ecBasePath + "/customers" + query
	for next != "" {
		r := e.do(http.MethodGet, strings.TrimPrefix(next, "http://example.com"), nil)
		if r.Status != 200 {
			e.t.Fatalf("%s: %d %s", next, r.Status, r.Body)
		}
		data := r.Doc["data"].([]any)
		sizes = append(sizes, len(data))
		for _, d := range data {
			ids = append(ids, obj(d)["id"].(string))
		}
		last = obj(r.Doc["links"])
		next, _ = last["next"].(string)
		if len(sizes) > 1000 {
			e.t.Fatal("links.next never ends")
		}
	}
	return ids, sizes, last
}

func TestEcurringListSeeded(t *testing.T) {
	e := newEcEnv(t)
	ids := e.s.Ecurring.Seed(120)
	if c, ok := e.s.Ecurring.Customer(ids[119]); !ok || c["email"] != "seed000120@example.com" || c["payment_method"] != "directdebit" {
		t.Fatalf("seeded customer %v", c)
	}
	e.s.ResetCounts()
	got, sizes, last := e.ecListAll("?page[size]=50")
	if !slices.Equal(got, ids) || !slices.Equal(sizes, []int{50, 50, 20}) {
		t.Errorf("pages %v", sizes)
	}
	page := func(n int) string { return fmt.Sprintf("%s/customers?page[number]=%d&page[size]=50", ecHost, n) }
	want := map[string]any{"self": page(3), "first": page(1), "last": page(3), "prev": page(2), "next": nil}
	if !reflect.DeepEqual(last, want) {
		t.Errorf("last page's links\n got %v\nwant %v", last, want)
	}
	if n := e.s.ListCalls(ServiceEcurring); n != 3 {
		t.Errorf("ListCalls = %d, want 3", n)
	}
	// One page only: no prev, no next.
	r := e.do(http.MethodGet, ecBasePath+"/customers?page[size]=50&page[number]=1", nil)
	if l := obj(r.Doc["links"]); l["prev"] != nil || l["next"] != page(2) {
		t.Errorf("first page links %v", l)
	}

	// Refusals: JSON:API errors with status 400.
	for _, q := range []string{"?page[size]=51", "?page[size]=0", "?page[number]=0", "?page[number]=x"} {
		r := e.do(http.MethodGet, ecBasePath+"/customers"+q, nil)
		if errs := r.errs(t); r.Status != 400 || errs[0]["status"] != "400" || errs[0]["detail"] == "" {
			t.Errorf("%s: %d %s", q, r.Status, r.Body)
		}
	}
}

func TestEcurringListLargePageVariants(t *testing.T) {
	e := newEcEnv(t)
	ids := e.s.Ecurring.Seed(130)

	restore := e.s.Ecurring.SetBehaviour(EcurringBehaviour{LargePage: EcurringLargePageClamped})
	r := e.do(http.MethodGet, ecBasePath+"/customers?page[size]=80", nil)
	if l := obj(r.Doc["links"]); r.Status != 200 || len(r.Doc["data"].([]any)) != 50 ||
		l["next"] != ecHost+"/customers?page[number]=2&page[size]=50" {
		t.Errorf("clamped: %d %d items, links %v", r.Status, len(r.Doc["data"].([]any)), l)
	}
	if got, sizes, _ := e.ecListAll("?page[size]=1000"); !slices.Equal(got, ids) || !slices.Equal(sizes, []int{50, 50, 30}) {
		t.Errorf("clamped, following links: %v", sizes)
	}
	restore()

	restore = e.s.Ecurring.SetBehaviour(EcurringBehaviour{LargePage: EcurringLargePageUpTo100})
	if got, sizes, _ := e.ecListAll("?page[size]=100"); !slices.Equal(got, ids) || !slices.Equal(sizes, []int{100, 30}) {
		t.Errorf("up to 100: %v", sizes)
	}
	if r := e.do(http.MethodGet, ecBasePath+"/customers?page[size]=101", nil); r.Status != 400 {
		t.Errorf("101 under UpTo100: %d", r.Status)
	}
	restore()

	if r := e.do(http.MethodGet, ecBasePath+"/customers?page[size]=100", nil); r.Status != 400 {
		t.Errorf("100 by default: %d", r.Status)
	}
}

func TestEcurringListFilterVariants(t *testing.T) {
	e := newEcEnv(t)
	ids := e.s.Ecurring.Seed(25)
	const q = "?filter[email]=SEED000007@example.com&page[size]=10"

	// Default: the filter is ignored; everyone is listed and the links do not carry it.
	r := e.do(http.MethodGet, ecBasePath+"/customers"+q, nil)
	if r.Status != 200 || obj(r.Doc["meta"])["total"] != float64(25) || len(r.Doc["data"].([]any)) != 10 ||
		strings.Contains(obj(r.Doc["links"])["next"].(string), "filter") {
		t.Errorf("ignored: %d %s", r.Status, r.Body)
	}

	restore := e.s.Ecurring.SetBehaviour(EcurringBehaviour{Filter: EcurringFilterEmail})
	r = e.do(http.MethodGet, ecBasePath+"/customers"+q, nil)
	data := r.Doc["data"].([]any)
	self := ecHost + "/customers?page[number]=1&page[size]=10&filter[email]=" + url.QueryEscape("SEED000007@example.com")
	if l := obj(r.Doc["links"]); r.Status != 200 || obj(r.Doc["meta"])["total"] != float64(1) || len(data) != 1 ||
		obj(data[0])["id"] != ids[6] || l["self"] != self || l["last"] != self || l["next"] != nil {
		t.Errorf("filter[email]: %d %s", r.Status, r.Body)
	}
	r = e.do(http.MethodGet, ecBasePath+"/customers?filter[email]=nobody@example.com", nil)
	if obj(r.Doc["meta"])["total"] != float64(0) || len(r.Doc["data"].([]any)) != 0 || obj(r.Doc["links"])["next"] != nil {
		t.Errorf("no match: %s", r.Body)
	}
	if r = e.do(http.MethodGet, ecBasePath+"/customers?filter[name]=x", nil); obj(r.Doc["meta"])["total"] != float64(25) {
		t.Errorf("another filter is ignored: %s", r.Body)
	}
	restore()

	restore = e.s.Ecurring.SetBehaviour(EcurringBehaviour{Filter: EcurringFilterRefused})
	defer restore()
	r = e.do(http.MethodGet, ecBasePath+"/customers"+q, nil)
	if errs := r.errs(t); r.Status != 400 || !strings.Contains(errs[0]["detail"].(string), "filter[email]") {
		t.Errorf("refused: %d %s", r.Status, r.Body)
	}
	if r = e.do(http.MethodGet, ecBasePath+"/customers?page[size]=10", nil); r.Status != 200 {
		t.Errorf("no filter under Refused: %d", r.Status)
	}
}

func TestKYCListSeededAndLastPage(t *testing.T) {
	e := newKYCEnv(t, true)
	ids := e.s.KYC.Seed(45)
	if c, ok := e.s.KYC.Customer(ids[0]); !ok || obj(c["FullName"])["LastName"] != "Customer1" {
		t.Fatalf("seeded %v", c)
	}
	desc := slices.Clone(ids) // one Created for all: newest first is by CustomerID, descending
	slices.Reverse(desc)

	e.s.ResetCounts()
	got, pages := e.listAll("PageSize=15")
	if !slices.Equal(got, desc) || pages != 3 || e.s.ListCalls(ServiceKYC) != 3 {
		t.Errorf("%d pages, %d calls, ids %v", pages, e.s.ListCalls(ServiceKYC), got)
	}
	if got, _ := e.listAll("PageSize=100&SortDirection=ASC"); !slices.Equal(got, ids) {
		t.Errorf("ASC: %v", got)
	}
	// The last page has no PageToken key at all, also when it is full.
	for _, q := range []string{"PageSize=15&PageToken=", "PageSize=45"} {
		r := e.do(http.MethodGet, kycBase+"/customers?"+q, nil)
		if _, has := r.Doc["PageToken"]; has != (q != "PageSize=45") {
			t.Errorf("%s: %s", q, r.Body)
		}
	}

	// Variant: "PageToken": "" on the last page.
	restore := e.s.KYC.SetBehaviour(KYCBehaviour{LastPage: KYCLastPageEmptyToken})
	r := e.do(http.MethodGet, kycBase+"/customers?PageSize=45", nil)
	if tok, has := r.Doc["PageToken"]; !has || tok != "" || len(r.Doc["Items"].([]any)) != 45 {
		t.Errorf("empty token: %s", r.Body[len(r.Body)-40:])
	}
	if r := e.do(http.MethodGet, kycBase+"/customers?PageSize=10", nil); r.Doc["PageToken"] == "" {
		t.Error("a page with more after it has a real token")
	}
	restore()

	// Variant: every full page has a token, so 45 in pages of 15 ends with an empty page.
	restore = e.s.KYC.SetBehaviour(KYCBehaviour{LastPage: KYCFullPageToken})
	e.s.ResetCounts()
	got, pages = e.listAll("PageSize=15")
	if !slices.Equal(got, desc) || pages != 4 || e.s.ListCalls(ServiceKYC) != 4 {
		t.Errorf("full-page tokens: %d pages, %d ids", pages, len(got))
	}
	if _, pages = e.listAll("PageSize=20"); pages != 3 {
		t.Errorf("full-page tokens, a short last page: %d pages", pages)
	}
	restore()

	// Invalid parameters: 400 InvalidMessage naming the parameter, in NOAH's Error shape.
	for _, q := range []string{"PageSize=0", "PageSize=101", "PageSize=ten", "SortDirection=desc", "PageToken=abc"} {
		r := e.do(http.MethodGet, kycBase+"/customers?"+q, nil)
		wantKYCError(t, r, 400, "InvalidMessage", "GetCustomers", "")
		field, _, _ := strings.Cut(q, "=")
		if got := r.fields(t); !slices.Equal(got, []string{field}) {
			t.Errorf("%s: fields %v", q, got)
		}
	}
	// Unsigned lists are refused like any other request.
	if r := e.raw(http.MethodGet, kycBase+"/customers?PageSize=5", http.Header{"X-Api-Key": {kycKey}}, ""); r.Status != 401 {
		t.Errorf("unsigned list: %d", r.Status)
	}
}

func TestListCallsAndSeedCustomers(t *testing.T) {
	s := New(Options{})
	for _, svc := range serviceNames {
		if ListRoute(svc) == "" || s.ListCalls(svc) != 0 {
			t.Errorf("%s: route %q", svc, ListRoute(svc))
		}
		ids, err := s.SeedCustomers(svc, 3)
		if err != nil || len(ids) != 3 {
			t.Errorf("%s: %v %v", svc, ids, err)
		}
	}
	if ListRoute("noah") != "" || s.ListCalls("noah") != 0 {
		t.Error("unknown service")
	}
	if _, err := s.SeedCustomers("noah", 1); err == nil {
		t.Error("seeding an unknown service")
	}
	if _, err := s.SeedCustomers(ServiceKYC, -1); err == nil {
		t.Error("seeding -1")
	}
	if _, err := s.SeedCustomers(ServiceKYC, maxSeed+1); err == nil {
		t.Error("seeding too many")
	}
	if s.TotalRequests() != 0 {
		t.Errorf("seeding made %d requests", s.TotalRequests())
	}
	if len(s.Openprovider.Customers()) != 3 || s.Ecurring.CustomerCount() != 3 || s.KYC.CustomerCount() != 3 {
		t.Error("customers not stored")
	}
}

func TestAdminSeed(t *testing.T) {
	s := New(Options{})
	root, err := s.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })

	status, _, body := adminDo(t, http.MethodPost, root+"/_sandbox/seed/ecurring", `{"count": 30}`)
	if status != http.StatusOK || string(body) != "{\n  \"created\": 30,\n  \"customers\": 30\n}\n" {
		t.Errorf("seed: %d %s", status, body)
	}
	status, _, body = adminDo(t, http.MethodPost, root+"/_sandbox/seed/ecurring", `{"count": 0}`)
	if status != http.StatusOK || !strings.Contains(string(body), `"customers": 30`) {
		t.Errorf("seed 0: %d %s", status, body)
	}
	for _, tc := range []struct {
		method, path, body string
		status             int
	}{
		{http.MethodPost, "/_sandbox/seed/noah", `{"count":1}`, http.StatusNotFound},
		{http.MethodGet, "/_sandbox/seed/kyc", "", http.StatusMethodNotAllowed},
		{http.MethodPost, "/_sandbox/seed/kyc", `{}`, http.StatusBadRequest},
		{http.MethodPost, "/_sandbox/seed/kyc", `{"count":-1}`, http.StatusBadRequest},
		{http.MethodPost, "/_sandbox/seed/kyc", `{"count":1000000}`, http.StatusBadRequest},
		{http.MethodPost, "/_sandbox/seed/kyc", `{"count":1,"x":2}`, http.StatusBadRequest},
		{http.MethodPost, "/_sandbox/seed/kyc", `not json`, http.StatusBadRequest},
	} {
		status, _, body := adminDo(t, tc.method, root+tc.path, tc.body)
		var doc map[string]string
		if err := json.Unmarshal(body, &doc); status != tc.status || err != nil || doc["error"] == "" {
			t.Errorf("%s %s %s: %d %s", tc.method, tc.path, tc.body, status, body)
		}
	}
	if s.KYC.CustomerCount() != 0 || s.TotalRequests() != 0 {
		t.Errorf("refused seeds changed something: %d customers, %d requests", s.KYC.CustomerCount(), s.TotalRequests())
	}

	// list_calls in the stats.
	for range 2 {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, EcurringBaseURL(root)+"/customers?page[size]=50", nil)
		req.Header.Set("X-Authorization", ecKey)
		req.Header.Set("Accept", ecMediaType)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
	}
	_, _, body = adminDo(t, http.MethodGet, root+"/_sandbox/stats", "")
	var stats map[string]struct {
		ListCalls int `json:"list_calls"`
	}
	if err := json.Unmarshal(body, &stats); err != nil || stats[ServiceEcurring].ListCalls != 2 || stats[ServiceKYC].ListCalls != 0 {
		t.Errorf("stats: %s", body)
	}
}
