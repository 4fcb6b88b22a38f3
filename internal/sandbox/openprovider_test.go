package sandbox

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestLogin(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        any
		status      int
		code        int
	}{
		{"ok", "application/json", map[string]any{"username": "sandbox", "password": "sandbox-password", "ip": "0.0.0.0"}, 200, 0},
		{"ok with charset", "application/json; charset=utf-8", map[string]any{"username": "sandbox", "password": "sandbox-password", "ip": "0.0.0.0"}, 200, 0},
		{"bad password", "application/json", map[string]any{"username": "sandbox", "password": "nope", "ip": "0.0.0.0"}, 200, 196},
		{"unknown user", "application/json", map[string]any{"username": "who", "password": "sandbox-password", "ip": "0.0.0.0"}, 200, 196},
		{"missing ip", "application/json", map[string]any{"username": "sandbox", "password": "sandbox-password"}, 400, 196},
		{"missing username", "application/json", map[string]any{"password": "sandbox-password", "ip": "0.0.0.0"}, 400, 196},
		{"empty password", "application/json", map[string]any{"username": "sandbox", "password": "", "ip": "0.0.0.0"}, 400, 196},
		{"not a string", "application/json", map[string]any{"username": 1, "password": "x", "ip": "0.0.0.0"}, 400, 1},
		{"invalid JSON", "application/json", `{"username":`, 400, 1},
		{"JSON array", "application/json", `[]`, 400, 1},
		{"JSON null", "application/json", `null`, 400, 1},
		{"trailing data", "application/json", `{} {}`, 400, 1},
		{"form content type", "application/x-www-form-urlencoded", map[string]any{"username": "sandbox", "password": "sandbox-password", "ip": "0.0.0.0"}, 400, 1},
		{"no content type", "", map[string]any{"username": "sandbox", "password": "sandbox-password", "ip": "0.0.0.0"}, 400, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &env{t: t, s: New(Options{})}
			hdr := http.Header{}
			if tt.contentType != "" {
				hdr.Set("Content-Type", tt.contentType)
			}
			r := e.raw(http.MethodPost, base+"/auth/login", hdr, tt.body)
			if r.Status != tt.status || r.Code != tt.code {
				t.Fatalf("got %d code %d (%s), want %d code %d", r.Status, r.Code, r.Desc, tt.status, tt.code)
			}
			for _, k := range []string{"maintenance", "warnings"} {
				if _, ok := r.Raw[k]; ok {
					t.Errorf("%s present", k)
				}
			}
			if _, ok := r.Raw["data"]; ok != (tt.code == 0) {
				t.Errorf("data present = %v with code %d", ok, tt.code)
			}
			wantLogins := 0
			if tt.code == 0 {
				wantLogins = 1
				d := obj(r.Data)
				if tok, _ := d["token"].(string); !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(tok) {
					t.Errorf("token %q", tok)
				}
				if d["reseller_id"] != float64(resellerID) {
					t.Errorf("reseller_id = %v", d["reseller_id"])
				}
			}
			if tt.code == 196 && r.Status == 200 && r.Desc != "Authentication/Authorization Failed" {
				t.Errorf("desc = %q", r.Desc)
			}
			if got := e.s.Openprovider.Logins("sandbox"); got != wantLogins {
				t.Errorf("Logins = %d, want %d", got, wantLogins)
			}
		})
	}
}

func TestLoginTokensAreDistinctAndUsersSeparate(t *testing.T) {
	e := newEnv(t)
	e.s.Openprovider.AddUser("second", "pw2")
	first := e.token
	e.token = ""
	r := e.do(http.MethodPost, base+"/auth/login", map[string]any{"username": "second", "password": "pw2", "ip": "0.0.0.0"})
	if r.Code != 0 {
		t.Fatalf("second user login: %+v", r)
	}
	if tok := obj(r.Data)["token"]; tok == first {
		t.Error("two logins returned the same token")
	}
	if a, b := e.s.Openprovider.Logins("sandbox"), e.s.Openprovider.Logins("second"); a != 1 || b != 1 {
		t.Errorf("Logins = %d, %d; want 1, 1", a, b)
	}
	e.s.Openprovider.AddUser("second", "changed")
	r = e.do(http.MethodPost, base+"/auth/login", map[string]any{"username": "second", "password": "pw2", "ip": "0.0.0.0"})
	if r.Code != 196 {
		t.Errorf("old password after AddUser: code %d", r.Code)
	}
	if got := e.s.Openprovider.Logins("nobody"); got != 0 {
		t.Errorf("Logins(nobody) = %d", got)
	}
}

func TestAuthRequired(t *testing.T) {
	tests := []struct {
		name  string
		setup func(e *env) string // returns the Authorization header
	}{
		{"no header", func(e *env) string { return "" }},
		{"wrong scheme", func(e *env) string { return "Basic " + e.token }},
		{"unknown token", func(e *env) string { return "Bearer 0123456789abcdef0123456789abcdef" }},
		{"ttl passed", func(e *env) string { e.clock.Add(48 * time.Hour); return "Bearer " + e.token }},
		{"ExpireTokens", func(e *env) string { e.s.Openprovider.ExpireTokens(); return "Bearer " + e.token }},
	}
	routes := []struct{ method, path string }{
		{http.MethodPost, base + "/customers"},
		{http.MethodGet, base + "/customers"},
		{http.MethodGet, base + "/customers/JD100001-NL"},
		{http.MethodPut, base + "/customers/JD100001-NL"},
		{http.MethodDelete, base + "/customers/JD100001-NL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			hdr := http.Header{"Content-Type": {"application/json"}}
			if h := tt.setup(e); h != "" {
				hdr.Set("Authorization", h)
			}
			for _, rt := range routes {
				r := e.raw(rt.method, rt.path, hdr, "{}")
				if r.Status != 401 || r.Code != 196 || r.Desc != "Authentication/Authorization Failed" || len(r.Raw) != 2 {
					t.Errorf("%s %s: %d %+v", rt.method, rt.path, r.Status, r.Raw)
				}
			}
		})
	}
	t.Run("token valid until ttl", func(t *testing.T) {
		e := newEnv(t)
		e.clock.Add(48*time.Hour - time.Second)
		if r := e.do(http.MethodGet, base+"/customers", nil); r.Status != 200 {
			t.Errorf("status %d", r.Status)
		}
	})
	t.Run("custom ttl and lowercase scheme", func(t *testing.T) {
		c := &clock{t: time.Now()}
		e := &env{t: t, s: New(Options{OpenproviderUsername: "u", OpenproviderPassword: "p", OpenproviderTokenTTL: time.Minute, Now: c.Now}), clock: c}
		r := e.do(http.MethodPost, base+"/auth/login", map[string]any{"username": "u", "password": "p", "ip": "0.0.0.0"})
		tok := obj(r.Data)["token"].(string)
		hdr := http.Header{"Authorization": {"bearer " + tok}}
		if r := e.raw(http.MethodGet, base+"/customers", hdr, nil); r.Status != 200 {
			t.Errorf("status %d", r.Status)
		}
		c.Add(time.Minute)
		if r := e.raw(http.MethodGet, base+"/customers", hdr, nil); r.Status != 401 {
			t.Errorf("after ttl: status %d", r.Status)
		}
	})
}

func TestCreateGetRoundTrip(t *testing.T) {
	e := newEnv(t)
	body := validCustomer()
	body["company_name"] = "Dijk BV"
	body["vat"] = "NL123456789B01"
	body["fax"] = map[string]any{"country_code": "+31", "area_code": "20", "subscriber_number": "7654321"}
	body["locale"] = "nl_NL"
	body["comments"] = "note"
	body["tags"] = []any{map[string]any{"key": "customer", "value": "VIP"}}
	body["additional_data"] = map[string]any{
		"birth_date":     "1970-01-01",
		"trading_name":   "Dijk",
		"attached_files": []any{map[string]any{"description": "id", "doc_type": "passport", "path": "/f/1"}},
	}
	body["extension_additional_data"] = []any{map[string]any{"name": "ru", "data": map[string]any{"inn": "1"}}}
	handle := e.create(body)
	if handle != "JD100001-NL" {
		t.Errorf("handle = %q", handle)
	}

	r := e.get(handle, "")
	if r.Status != 200 || r.Code != 0 {
		t.Fatalf("get: %+v", r.Raw)
	}
	d := obj(r.Data)
	want := map[string]any{
		"handle": handle, "id": float64(1), "reseller_id": float64(resellerID),
		"name":         map[string]any{"initials": "J.", "first_name": "Jan", "prefix": "van", "last_name": "Dijk", "full_name": "Jan van Dijk"},
		"company_name": "Dijk BV", "vat": "NL123456789B01",
		"address": map[string]any{"street": "Main Street", "number": "1", "suffix": "A", "zipcode": "1234 AB", "city": "Amsterdam", "country": "NL", "state": "NH"},
		"phone":   map[string]any{"country_code": "+31", "area_code": "20", "subscriber_number": "1234567"},
		"fax":     map[string]any{"country_code": "+31", "area_code": "20", "subscriber_number": "7654321"},
		"email":   "jan@example.com", "locale": "nl_NL", "comments": "note",
		"tags":       []any{map[string]any{"key": "customer", "value": "VIP"}},
		"is_deleted": false, "deleted_at": "0000-00-00 00:00:00",
		"comments_last_changed_at":  "2026-01-02 03:04:05",
		"email_verification_status": "REQ",
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("GET data\n got %v\nwant %v", d, want)
	}

	for _, q := range []string{"?with_additional_data=true", "?with_additional_data=1"} {
		d := obj(e.get(handle, q).Data)
		ad := obj(d["additional_data"])
		if len(ad) != 3 || ad["birth_date"] != "1970-01-01" || ad["trading_name"] != "Dijk" {
			t.Errorf("%s: additional_data = %v (only the fields set)", q, ad)
		}
		wantFiles := []any{map[string]any{"description": "id", "doc_type": "passport", "path": "/f/1"}}
		if !reflect.DeepEqual(ad["attached_files"], wantFiles) {
			t.Errorf("%s: attached_files = %v", q, ad["attached_files"])
		}
		wantExt := []any{map[string]any{"name": "ru", "data": map[string]any{"inn": "1"}}}
		if !reflect.DeepEqual(d["extension_additional_data"], wantExt) {
			t.Errorf("%s: extension_additional_data = %v", q, d["extension_additional_data"])
		}
	}
	for _, q := range []string{"", "?with_additional_data=false", "?with_additional_data=0"} {
		d := obj(e.get(handle, q).Data)
		if _, ok := d["additional_data"]; ok {
			t.Errorf("%q: additional_data present", q)
		}
		if _, ok := d["extension_additional_data"]; ok {
			t.Errorf("%q: extension_additional_data present", q)
		}
	}

	hook, ok := e.s.Openprovider.Customer(handle)
	if !ok || hook["email"] != "jan@example.com" || hook["id"] != 1 || obj(hook["name"])["full_name"] != "Jan van Dijk" {
		t.Errorf("Customer hook = %v, %v", hook, ok)
	}
	if _, ok := hook["additional_data"]; !ok {
		t.Error("Customer hook lacks additional_data")
	}
}

func TestCreateMinimalDefaults(t *testing.T) {
	e := newEnv(t)
	body := validCustomer()
	body["name"] = map[string]any{"first_name": " ada ", "last_name": "lovelace"}
	delete(obj(body["address"]), "suffix")
	delete(obj(body["address"]), "state")
	handle := e.create(body)
	if handle != "AL100001-NL" {
		t.Errorf("handle = %q", handle)
	}
	d := obj(e.get(handle, "?with_additional_data=true").Data)
	// As recorded: unset optional fields are absent, company_name is "", the account's default
	// locale is filled in and the e-mail address awaits verification.
	want := map[string]any{
		"handle": handle, "id": float64(1), "reseller_id": float64(resellerID),
		"name":         map[string]any{"first_name": " ada ", "last_name": "lovelace", "full_name": "ada lovelace"},
		"company_name": "",
		"address":      map[string]any{"street": "Main Street", "number": "1", "zipcode": "1234 AB", "city": "Amsterdam", "country": "NL"},
		"phone":        map[string]any{"country_code": "+31", "area_code": "20", "subscriber_number": "1234567"},
		"email":        "jan@example.com", "locale": "en_GB",
		"is_deleted": false, "deleted_at": "0000-00-00 00:00:00",
		"comments_last_changed_at":  "2026-01-02 03:04:05",
		"email_verification_status": "REQ",
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("GET data\n got %v\nwant %v", d, want)
	}
}

func TestUnsetAdditionalFieldsAreAbsent(t *testing.T) {
	e := newEnv(t)
	body := validCustomer()
	body["additional_data"] = map[string]any{"birth_city": "", "cost_center": "", "attached_files": []any{}}
	body["extension_additional_data"] = []any{}
	body["tags"] = []any{}
	body["fax"] = map[string]any{"country_code": "", "area_code": "", "subscriber_number": ""}
	d := obj(e.get(e.create(body), "?with_additional_data=true").Data)
	for _, k := range []string{"additional_data", "extension_additional_data", "tags", "fax", "vat", "comments", "inn"} {
		if v, ok := d[k]; ok {
			t.Errorf("%s = %#v, want absent", k, v)
		}
	}
	obj(body["additional_data"])["birth_city"] = "Delft"
	obj(body["additional_data"])["attached_files"] = []any{map[string]any{"doc_type": "id", "path": "/f"}}
	d = obj(e.get(e.create(body), "?with_additional_data=true").Data)
	want := map[string]any{"birth_city": "Delft", "attached_files": []any{map[string]any{"doc_type": "id", "path": "/f"}}}
	if !reflect.DeepEqual(d["additional_data"], want) {
		t.Errorf("additional_data = %v, want %v", d["additional_data"], want)
	}
}

func TestHandleLetters(t *testing.T) {
	tests := []struct{ first, last, country, want string }{
		{"John", "Doe", "US", "JD100001-US"},
		{"émile", "Zola", "FR", "XZ100001-FR"},
		{"1st", "ßtraße", "DE", "XX100001-DE"},
	}
	for _, tt := range tests {
		e := newEnv(t)
		body := validCustomer()
		body["name"] = map[string]any{"first_name": tt.first, "last_name": tt.last}
		obj(body["address"])["country"] = tt.country
		if got := e.create(body); got != tt.want {
			t.Errorf("%s %s: handle %q, want %q", tt.first, tt.last, got, tt.want)
		}
	}
}

func TestValidationCodes(t *testing.T) {
	set := func(path string, v any) func(map[string]any) {
		return func(b map[string]any) {
			if parent, key, ok := strings.Cut(path, "."); ok {
				obj(b[parent])[key] = v
				return
			}
			b[path] = v
		}
	}
	del := func(key string) func(map[string]any) { return func(b map[string]any) { delete(b, key) } }
	tests := []struct {
		name   string
		mutate func(map[string]any)
		status int
		code   int
		field  string // the desc must mention it
	}{
		{"unknown top-level key", set("handle", "JD100001-NL"), 400, 1, "handle"},
		{"unknown nested key", set("address.house", "1"), 400, 1, "address.house"},
		{"wrong type", set("email", 5), 400, 1, "email"},
		{"tags not an array", set("tags", map[string]any{}), 400, 1, "tags"},
		{"attached_files not an array", set("additional_data", map[string]any{"attached_files": "x"}), 400, 1, "attached_files"},
		{"additional_data not an object", set("additional_data", []any{}), 400, 1, "additional_data"},
		{"extension data not strings", set("extension_additional_data", []any{map[string]any{"name": "ru", "data": map[string]any{"a": 1}}}), 400, 1, "extension_additional_data[0].data.a"},
		{"extension not an array", set("extension_additional_data", map[string]any{}), 400, 1, "extension_additional_data"},
		{"name missing", del("name"), 400, 101, "name"},
		{"name null", set("name", nil), 400, 101, "name"},
		{"empty first name", set("name.first_name", " "), 400, 104, "first_name"},
		{"empty last name", set("name.last_name", ""), 400, 105, "last_name"},
		{"address missing", del("address"), 400, 110, "address"},
		{"empty street", set("address.street", ""), 400, 111, "street"},
		{"empty number", set("address.number", ""), 400, 112, "number"},
		{"empty zipcode", set("address.zipcode", ""), 400, 113, "zipcode"},
		{"empty city", set("address.city", ""), 400, 114, "city"},
		{"unknown country", set("address.country", "XK"), 400, 121, "country"},
		{"lowercase country", set("address.country", "nl"), 400, 121, "country"},
		{"phone missing", del("phone"), 400, 130, "phone"},
		{"phone code without plus", set("phone.country_code", "31"), 400, 131, "country_code"},
		{"phone code too long", set("phone.country_code", "+3100"), 400, 131, "country_code"},
		{"empty subscriber", set("phone.subscriber_number", ""), 400, 132, "subscriber_number"},
		{"fax bad code", set("fax", map[string]any{"country_code": "31", "subscriber_number": "1"}), 400, 133, "fax"},
		{"fax no number", set("fax", map[string]any{"country_code": "+31", "area_code": "20"}), 400, 133, "fax"},
		{"email missing", del("email"), 400, 146, "email"},
		{"email no at", set("email", "jan.example.com"), 400, 146, "email"},
		{"email two ats", set("email", "a@b@example.com"), 400, 146, "email"},
		{"email empty local", set("email", "@example.com"), 400, 146, "email"},
		{"email no dot", set("email", "jan@localhost"), 400, 146, "email"},
		{"email space", set("email", "jan @example.com"), 400, 146, "email"},
		{"tag key", set("tags", []any{map[string]any{"key": "reseller", "value": "VIP"}}), 400, 150, "tags"},
		{"tag value", set("tags", []any{map[string]any{"key": "customer", "value": "Gold"}}), 400, 150, "tags"},
		{"tag value case", set("tags", []any{map[string]any{"key": "customer", "value": "vip"}}), 400, 150, "tags"},
		{"birth date", set("additional_data", map[string]any{"birth_date": "01-01-1970"}), 400, 152, "birth_date"},
		{"registration date", set("additional_data", map[string]any{"company_registration_subscription_date": "2000-02-30"}), 400, 152, "company_registration_subscription_date"},
		{"extension name", set("extension_additional_data", []any{map[string]any{"data": map[string]any{"a": "b"}}}), 400, 153, "extension_additional_data"},
		{"locale", set("locale", "nl-NL"), 400, 160, "locale"},
		{"first failure wins", func(b map[string]any) { b["email"] = "bad"; b["locale"] = "bad"; obj(b["address"])["city"] = "" }, 400, 114, "city"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			body := validCustomer()
			tt.mutate(body)
			r := e.do(http.MethodPost, base+"/customers", body)
			if r.Status != tt.status || r.Code != tt.code {
				t.Fatalf("got %d code %d (%s), want %d code %d", r.Status, r.Code, r.Desc, tt.status, tt.code)
			}
			if !strings.Contains(r.Desc, tt.field) {
				t.Errorf("desc %q does not name %q", r.Desc, tt.field)
			}
			if got := e.s.Openprovider.Customers(); len(got) != 0 {
				t.Errorf("stored %v after a failed create", got)
			}
		})
	}
	t.Run("valid edge values", func(t *testing.T) {
		e := newEnv(t)
		e.s.Openprovider.AddTag("Gold")
		body := validCustomer()
		obj(body["phone"])["area_code"] = ""
		obj(body["phone"])["country_code"] = "+1"
		body["fax"] = map[string]any{"country_code": "", "area_code": "", "subscriber_number": ""}
		body["tags"] = []any{map[string]any{"key": "customer", "value": "Gold"}, map[string]any{"key": "customer", "value": "test"}}
		body["additional_data"] = map[string]any{"birth_date": "", "cost_center": "x", "attached_files": nil}
		body["locale"] = ""
		body["vat"] = nil
		e.create(body)
	})
}

func TestUpdate(t *testing.T) {
	full := func() map[string]any {
		b := validCustomer()
		b["company_name"] = "Dijk BV"
		b["fax"] = map[string]any{"country_code": "+31", "area_code": "20", "subscriber_number": "7654321"}
		b["comments"] = "first"
		b["vat"] = "NL1"
		b["tags"] = []any{map[string]any{"key": "customer", "value": "VIP"}}
		b["additional_data"] = map[string]any{"birth_city": "Delft", "trading_name": "T"}
		return b
	}

	t.Run("merge replaces present keys wholesale and keeps absent ones", func(t *testing.T) {
		e := newEnv(t)
		h := e.create(full())
		e.clock.Add(time.Hour)
		r := e.do(http.MethodPut, base+"/customers/"+h, map[string]any{
			"handle":          h,
			"address":         map[string]any{"street": "New Street", "number": "2", "zipcode": "9999 ZZ", "city": "Utrecht", "country": "NL"},
			"additional_data": map[string]any{"trading_name": "U"},
			"tags":            []any{},
			"comments":        "second",
		})
		if r.Status != 200 || r.Code != 0 || !reflect.DeepEqual(r.Data, map[string]any{"success": true}) {
			t.Fatalf("put: %d %+v", r.Status, r.Raw)
		}
		d, _ := e.s.Openprovider.Customer(h)
		if a := obj(d["address"]); a["city"] != "Utrecht" || a["suffix"] != nil || a["state"] != nil {
			t.Errorf("address not replaced wholesale: %v", a)
		}
		if ad := obj(d["additional_data"]); ad["trading_name"] != "U" || ad["birth_city"] != nil {
			t.Errorf("additional_data not replaced wholesale: %v", ad)
		}
		if d["tags"] != nil {
			t.Errorf("tags = %v", d["tags"])
		}
		if d["vat"] != "NL1" || d["email"] != "jan@example.com" || obj(d["fax"])["subscriber_number"] != "7654321" || d["company_name"] != "Dijk BV" {
			t.Errorf("absent keys not kept: %v", d)
		}
		if d["comments"] != "second" || d["comments_last_changed_at"] != "2026-01-02 04:04:05" {
			t.Errorf("comments %v at %v", d["comments"], d["comments_last_changed_at"])
		}
	})

	t.Run("fax of empty strings clears it", func(t *testing.T) {
		e := newEnv(t)
		h := e.create(full())
		r := e.do(http.MethodPut, base+"/customers/"+h, map[string]any{"fax": map[string]any{"country_code": "", "area_code": "", "subscriber_number": ""}})
		if r.Code != 0 {
			t.Fatalf("put: %+v", r.Raw)
		}
		if d := obj(e.get(h, "").Data); d["fax"] != nil {
			t.Errorf("fax = %v", d["fax"])
		}
	})

	t.Run("name and company_name are ignored", func(t *testing.T) {
		e := newEnv(t)
		h := e.create(full())
		r := e.do(http.MethodPut, base+"/customers/"+h, map[string]any{
			"name": map[string]any{"first_name": "Piet", "last_name": "Jansen"}, "company_name": "Other BV", "vat": "NL2",
		})
		if r.Status != 200 || r.Code != 0 {
			t.Fatalf("put: %d %+v", r.Status, r.Raw)
		}
		d, _ := e.s.Openprovider.Customer(h)
		if obj(d["name"])["full_name"] != "Jan van Dijk" || d["company_name"] != "Dijk BV" || d["vat"] != "NL2" {
			t.Errorf("after PUT: %v", d)
		}
	})

	tests := []struct {
		name   string
		handle string // "" = the created one
		body   any
		status int
		code   int
	}{
		{"other handle in body", "", map[string]any{"handle": "XX100002-NL"}, 400, 1},
		{"unknown key", "", map[string]any{"id": 1}, 400, 1},
		{"invalid JSON", "", "{", 400, 1},
		{"resulting record invalid", "", map[string]any{"email": "nope"}, 400, 146},
		{"phone removed", "", map[string]any{"phone": nil}, 400, 130},
		{"unknown tag", "", map[string]any{"tags": []any{map[string]any{"key": "customer", "value": "Gold"}}}, 400, 150},
		{"unknown handle", "ZZ999999-NL", map[string]any{"email": "a@b.cd"}, 500, 193},
		{"malformed handle", "jd100001-nl", map[string]any{"email": "a@b.cd"}, 500, 195},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			h := e.create(full())
			before, _ := e.s.Openprovider.Customer(h)
			target := tt.handle
			if target == "" {
				target = h
			}
			r := e.do(http.MethodPut, base+"/customers/"+target, tt.body)
			if r.Status != tt.status || r.Code != tt.code {
				t.Fatalf("got %d code %d (%s), want %d code %d", r.Status, r.Code, r.Desc, tt.status, tt.code)
			}
			if after, _ := e.s.Openprovider.Customer(h); !reflect.DeepEqual(before, after) {
				t.Errorf("record changed by a failed PUT:\n%v\n%v", before, after)
			}
		})
	}
}

func TestDelete(t *testing.T) {
	for code, desc := range map[int]string{6200: "Customer has domains", 6206: "Default handle cannot be deleted", 187: "Handle is attached to domains", 186: "Handle is in use"} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			e := newEnv(t)
			h := e.create(validCustomer())
			e.s.Openprovider.MarkInUse(h, code)
			r := e.do(http.MethodDelete, base+"/customers/"+h, nil)
			if r.Status != 500 || r.Code != code || r.Desc != desc {
				t.Fatalf("got %d code %d %q", r.Status, r.Code, r.Desc)
			}
			if r := e.get(h, ""); r.Code != 0 {
				t.Errorf("customer gone after refused delete: %+v", r.Raw)
			}
			e.s.Openprovider.MarkInUse(h, 0)
			if r := e.do(http.MethodDelete, base+"/customers/"+h, nil); r.Status != 200 || r.Code != 0 {
				t.Errorf("delete after clearing: %+v", r.Raw)
			}
		})
	}

	t.Run("then 193 everywhere", func(t *testing.T) {
		e := newEnv(t)
		h := e.create(validCustomer())
		other := e.create(validCustomer())
		r := e.do(http.MethodDelete, base+"/customers/"+h, nil)
		if r.Status != 200 || r.Code != 0 || !reflect.DeepEqual(r.Data, map[string]any{"success": true}) {
			t.Fatalf("delete: %d %+v", r.Status, r.Raw)
		}
		for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
			var body any
			if method == http.MethodPut {
				body = map[string]any{"email": "a@b.cd"}
			}
			r := e.do(method, base+"/customers/"+h, body)
			if r.Status != 500 || r.Code != 193 || r.Desc != "The handle is not recognized" {
				t.Errorf("%s after delete: %d %+v", method, r.Status, r.Raw)
			}
		}
		if got := e.s.Openprovider.Customers(); !slices.Equal(got, []string{other}) {
			t.Errorf("Customers = %v", got)
		}
		if _, ok := e.s.Openprovider.Customer(h); ok {
			t.Error("Customer hook still finds the deleted handle")
		}
	})

	t.Run("malformed handle", func(t *testing.T) {
		e := newEnv(t)
		for _, h := range []string{"JD1-NL", "jd100001-nl", "JD100001NL", "JD1000011-NL"} {
			if r := e.do(http.MethodDelete, base+"/customers/"+h, nil); r.Status != 500 || r.Code != 195 {
				t.Errorf("%s: %d %+v", h, r.Status, r.Raw)
			}
		}
	})

	t.Run("MarkInUse rejects other codes", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("no panic")
			}
		}()
		newEnv(t).s.Openprovider.MarkInUse("JD100001-NL", 193)
	})
}

func TestList(t *testing.T) {
	e := newEnv(t)
	people := []struct{ first, last, email string }{
		{"Ann", "Smith", "ann@example.com"},
		{"Bob", "Smithers", "bob@EXAMPLE.org"},
		{"Cid", "Jones", "cid@example.com"},
		{"Dan", "Smith", "dan@test.net"},
	}
	var handles []string
	for _, p := range people {
		b := validCustomer()
		b["name"] = map[string]any{"first_name": p.first, "last_name": p.last}
		b["email"] = p.email
		b["vat"] = "NL1"
		b["additional_data"] = map[string]any{"trading_name": p.first}
		handles = append(handles, e.create(b))
	}
	deleted := e.create(validCustomer())
	e.s.Openprovider.DeleteOutOfBand(deleted)

	tests := []struct {
		query string
		want  []string // handles, in order
		total int
	}{
		{"", handles, 4},
		{"?limit=2", handles[:2], 4},
		{"?limit=2&offset=2", handles[2:], 4},
		{"?offset=3", handles[3:], 4},
		{"?offset=10", nil, 4},
		{"?offset=9223372036854775807&limit=1000", nil, 4},
		{"?last_name_pattern=smith", []string{handles[0], handles[3]}, 2},
		{"?last_name_pattern=SMITH*", []string{handles[0], handles[1], handles[3]}, 3},
		{"?last_name_pattern=*o*e*", []string{handles[2]}, 1},
		{"?email_pattern=*@example.*", []string{handles[0], handles[1], handles[2]}, 3},
		{"?email_pattern=*@example.*&last_name_pattern=smith*&limit=1&offset=1", []string{handles[1]}, 2},
		{"?handle_pattern=" + handles[2], []string{handles[2]}, 1},
		{"?handle_pattern=as*", []string{handles[0]}, 1},
		{"?handle_pattern=*-NL", handles, 4},
		{"?handle_pattern=nomatch", nil, 0},
	}
	for _, tt := range tests {
		r := e.do(http.MethodGet, base+"/customers"+tt.query, nil)
		if r.Status != 200 || r.Code != 0 {
			t.Errorf("%s: %d %+v", tt.query, r.Status, r.Raw)
			continue
		}
		d := obj(r.Data)
		var got []string
		results, hasResults := d["results"].([]any)
		if hasResults != (len(tt.want) > 0) {
			t.Errorf("%s: results key present = %v with %d results", tt.query, hasResults, len(tt.want))
		}
		for _, res := range results {
			c := obj(res)
			got = append(got, c["handle"].(string))
			for _, k := range []string{"fax", "vat", "inn", "additional_data", "extension_additional_data"} {
				if _, ok := c[k]; ok {
					t.Errorf("%s: result has %s", tt.query, k)
				}
			}
			if _, ok := c["email"]; !ok {
				t.Errorf("%s: result lacks email", tt.query)
			}
		}
		if !slices.Equal(got, tt.want) || d["total"] != float64(tt.total) {
			t.Errorf("%s: got %v total %v, want %v total %d", tt.query, got, d["total"], tt.want, tt.total)
		}
	}

	r := e.do(http.MethodGet, base+"/customers?with_additional_data=1&limit=1", nil)
	res := obj(obj(r.Data)["results"].([]any)[0])
	if obj(res["additional_data"])["trading_name"] != "Ann" {
		t.Errorf("with_additional_data result = %v", res)
	}
	if _, ok := res["fax"]; ok {
		t.Error("fax in list result with additional data")
	}

	for _, q := range []string{"?limit=1001", "?limit=-1", "?limit=x", "?offset=-1"} {
		r := e.do(http.MethodGet, base+"/customers"+q, nil)
		if r.Status != 400 || r.Code != 100 {
			t.Errorf("%s: %d %+v", q, r.Status, r.Raw)
		}
	}
	if r := e.do(http.MethodGet, base+"/customers?limit=1001", nil); r.Desc != "limit must be at most 1000" {
		t.Errorf("desc = %q", r.Desc)
	}
}

func TestListDefaultLimit(t *testing.T) {
	e := newEnv(t)
	for range 105 {
		e.create(validCustomer())
	}
	d := obj(e.do(http.MethodGet, base+"/customers", nil).Data)
	if n := len(d["results"].([]any)); n != 100 || d["total"] != float64(105) {
		t.Errorf("default page: %d results, total %v", n, d["total"])
	}
	d = obj(e.do(http.MethodGet, base+"/customers?limit=1000", nil).Data)
	if n := len(d["results"].([]any)); n != 105 {
		t.Errorf("limit=1000: %d results", n)
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"abc", "ABC", true},
		{"ab", "abc", false},
		{"*", "", true},
		{"a*", "abc", true},
		{"*c", "abc", true},
		{"a*c", "ac", true},
		{"a*a", "a", false},
		{"*b*", "abc", true},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "acb", false},
		{"**", "x", true},
	}
	for _, tt := range tests {
		if got := globMatch(tt.pattern, tt.s); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v", tt.pattern, tt.s, got)
		}
	}
}

func TestOutOfBandHooks(t *testing.T) {
	e := newEnv(t)
	h := e.create(validCustomer())
	op := e.s.Openprovider
	sets := []struct {
		path, value string
		ok          bool
		check       func(map[string]any) bool
	}{
		{"email", "x@y.z", true, func(d map[string]any) bool { return d["email"] == "x@y.z" }},
		{"address.city", "Utrecht", true, func(d map[string]any) bool { return obj(d["address"])["city"] == "Utrecht" }},
		{"name.prefix", "", true, func(d map[string]any) bool { return obj(d["name"])["full_name"] == "Jan Dijk" }},
		{"name.full_name", "Someone Else", true, func(d map[string]any) bool { return obj(d["name"])["full_name"] == "Someone Else" }},
		{"fax.subscriber_number", "1", true, func(d map[string]any) bool { return obj(d["fax"])["subscriber_number"] == "1" }},
		{"additional_data.birth_city", "Delft", true, func(d map[string]any) bool { return obj(d["additional_data"])["birth_city"] == "Delft" }},
		{"extension_additional_data.ru.inn", "7", true, func(d map[string]any) bool {
			return reflect.DeepEqual(d["extension_additional_data"], []any{map[string]any{"name": "ru", "data": map[string]any{"inn": "7"}}})
		}},
		{"tags", "VIP, Gold", true, func(d map[string]any) bool {
			return reflect.DeepEqual(d["tags"], []any{map[string]any{"key": "customer", "value": "VIP"}, map[string]any{"key": "customer", "value": "Gold"}})
		}},
		{"comments", "drift", true, func(d map[string]any) bool { return d["comments"] == "drift" }},
		{"handle", "XX", false, nil},
		{"additional_data.shoe_size", "42", false, nil},
		{"extension_additional_data.ru", "x", false, nil},
		{"address", "x", false, nil},
	}
	for _, s := range sets {
		if ok := op.SetOutOfBand(h, s.path, s.value); ok != s.ok {
			t.Errorf("SetOutOfBand(%s) = %v", s.path, ok)
			continue
		}
		if s.check != nil {
			if d := obj(e.get(h, "?with_additional_data=true").Data); !s.check(d) {
				t.Errorf("after SetOutOfBand(%s): %v", s.path, d)
			}
		}
	}
	if op.SetOutOfBand("ZZ100099-NL", "email", "a@b.c") {
		t.Error("SetOutOfBand on unknown handle succeeded")
	}
	if !op.DeleteOutOfBand(h) || op.DeleteOutOfBand(h) {
		t.Error("DeleteOutOfBand should succeed once")
	}
	if r := e.get(h, ""); r.Code != 193 {
		t.Errorf("GET after DeleteOutOfBand: %+v", r.Raw)
	}
	if op.SetOutOfBand(h, "email", "a@b.c") {
		t.Error("SetOutOfBand on deleted handle succeeded")
	}
}

func TestAddTag(t *testing.T) {
	e := newEnv(t)
	body := validCustomer()
	body["tags"] = []any{map[string]any{"key": "customer", "value": "Gold"}}
	if r := e.do(http.MethodPost, base+"/customers", body); r.Code != 150 {
		t.Fatalf("before AddTag: %+v", r.Raw)
	}
	e.s.Openprovider.AddTag("Gold")
	e.create(body)
}

// A handle holding a "/" (sent escaped, as the provider's client does) is one invalid handle,
// answered as Openprovider answers one, after the token check; a real extra segment is not.
func TestHandleWithSlashIsAnInvalidHandle(t *testing.T) {
	e := newEnv(t)
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		r := e.do(method, base+"/customers/JD100001-NL%2Fextra", nil)
		if r.Status != 500 || r.Code != 195 || r.Desc != `Invalid handle "JD100001-NL/extra"` {
			t.Errorf("%s: %d %+v", method, r.Status, r.Raw)
		}
	}
	e.token = ""
	if r := e.do(http.MethodGet, base+"/customers/JD100001-NL%2Fextra", nil); r.Status != 401 || r.Code != 196 {
		t.Errorf("without a token: %d %+v", r.Status, r.Raw)
	}
}

func TestUnknownEndpoints(t *testing.T) {
	e := newEnv(t)
	for _, rt := range []struct{ method, path string }{
		{http.MethodPatch, base + "/customers/JD100001-NL"},
		{http.MethodGet, base + "/customers/JD100001-NL/extra"},
		{http.MethodPost, base + "/customers/JD100001-NL%2Fextra"},
		{http.MethodGet, base + "/customers/"},
		{http.MethodGet, base + "/tags"},
		{http.MethodGet, base},
	} {
		r := e.do(rt.method, rt.path, nil)
		if r.Status != 404 || r.Code != 1 {
			t.Errorf("%s %s: %d %+v", rt.method, rt.path, r.Status, r.Raw)
		}
	}
}

func TestOversizedBody(t *testing.T) {
	e := newEnv(t)
	body := validCustomer()
	body["comments"] = strings.Repeat("x", maxBodyBytes)
	if r := e.do(http.MethodPost, base+"/customers", body); r.Status != 400 || r.Code != 1 {
		t.Errorf("got %d %+v", r.Status, r.Raw)
	}
}

func TestEmptyListShape(t *testing.T) {
	e := newEnv(t)
	hdr := http.Header{"Authorization": {"Bearer " + e.token}}
	req := httptest.NewRequest(http.MethodGet, base+"/customers?email_pattern=nobody*", nil)
	req.Header = hdr
	rec := httptest.NewRecorder()
	e.s.ServeHTTP(rec, req)
	if got, want := strings.TrimSpace(rec.Body.String()), `{"code":0,"desc":"","data":{"total":0}}`; rec.Code != 200 || got != want {
		t.Errorf("empty list: %d %s, want %s", rec.Code, got, want)
	}
}

// clearingCustomer is a create body with every optional value set.
func clearingCustomer() map[string]any {
	b := validCustomer()
	b["vat"] = "NL1"
	b["comments"] = "first"
	b["locale"] = "nl_NL"
	b["tags"] = []any{map[string]any{"key": "customer", "value": "VIP"}}
	b["fax"] = map[string]any{"country_code": "+31", "area_code": "20", "subscriber_number": "7654321"}
	b["additional_data"] = map[string]any{"birth_city": "Delft", "trading_name": "T"}
	b["extension_additional_data"] = []any{map[string]any{"name": "ru", "data": map[string]any{"inn": "1"}}}
	return b
}

func TestClearingVariants(t *testing.T) {
	address := map[string]any{"street": "Main Street", "number": "1", "suffix": "", "zipcode": "1234 AB", "city": "Amsterdam", "country": "NL"} // and no state
	emptyValues := map[string]any{
		"vat": "", "comments": "", "tags": []any{}, "email": "jan@example.com", "locale": "nl_NL",
		"fax":             map[string]any{"country_code": "", "area_code": "", "subscriber_number": ""},
		"additional_data": map[string]any{"birth_city": "", "trading_name": "U"},
		"address":         address,
		"phone":           map[string]any{"country_code": "+31", "area_code": "", "subscriber_number": "1234567"},
	}
	omitted := map[string]any{"email": "x@example.com", "address": validCustomer()["address"], "phone": validCustomer()["phone"]}
	// What GET shows of the fields that can be cleared, after each PUT.
	type shown struct {
		vat, comments, tags, fax, ext, suffix, state, areaCode bool
		additional                                             map[string]any
		locale                                                 string
	}
	view := func(d map[string]any) shown {
		a, p := obj(d["address"]), obj(d["phone"])
		return shown{
			vat: d["vat"] != nil, comments: d["comments"] != nil, tags: d["tags"] != nil, fax: d["fax"] != nil,
			ext: d["extension_additional_data"] != nil, suffix: a["suffix"] != nil, state: a["state"] != nil,
			areaCode: p["area_code"] != "", additional: obj(d["additional_data"]), locale: d["locale"].(string),
		}
	}
	all := shown{true, true, true, true, true, true, true, true, map[string]any{"birth_city": "Delft", "trading_name": "T"}, "nl_NL"}
	tests := []struct {
		clearing    OpenproviderClearing
		body        map[string]any
		want        shown
		description string
	}{
		{OpenproviderEmptyClears, emptyValues, shown{ext: true, additional: map[string]any{"trading_name": "U"}, locale: "nl_NL"}, "empty values clear"},
		{OpenproviderEmptyClears, omitted, all, "omitted keys are kept"},
		{OpenproviderEmptyIgnored, emptyValues, func() shown {
			s := all
			s.additional = map[string]any{"birth_city": "Delft", "trading_name": "U"}
			return s
		}(), "empty values are ignored"},
		{OpenproviderEmptyIgnored, omitted, all, "omitted keys are kept"},
		{OpenproviderPutReplaces, emptyValues, shown{additional: map[string]any{"trading_name": "U"}, locale: "nl_NL"}, "empty values and omitted keys clear"},
		{OpenproviderPutReplaces, omitted, shown{suffix: true, state: true, areaCode: true, locale: "en_GB"}, "omitted keys clear, locale returns to the default"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.clearing, " ", tt.description), func(t *testing.T) {
			e := newEnv(t)
			e.s.Openprovider.SetBehaviour(OpenproviderBehaviour{Clearing: tt.clearing})
			h := e.create(clearingCustomer())
			if r := e.do(http.MethodPut, base+"/customers/"+h, tt.body); r.Status != 200 || r.Code != 0 {
				t.Fatalf("put: %d %+v", r.Status, r.Raw)
			}
			d, _ := e.s.Openprovider.Customer(h)
			if got := view(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("after PUT\n got %+v\nwant %+v", got, tt.want)
			}
			if obj(d["name"])["full_name"] != "Jan van Dijk" || d["email"] == "" {
				t.Errorf("name or e-mail lost: %v", d)
			}
		})
	}
}

func TestEmptyFaxVariants(t *testing.T) {
	emptyFax := map[string]any{"country_code": "", "area_code": "", "subscriber_number": ""}
	for _, v := range []OpenproviderEmptyFax{OpenproviderEmptyFaxIsNone, OpenproviderEmptyFaxRejected} {
		t.Run(fmt.Sprint(v), func(t *testing.T) {
			e := newEnv(t)
			e.s.Openprovider.SetBehaviour(OpenproviderBehaviour{EmptyFax: v})
			body := validCustomer()
			body["fax"] = emptyFax
			create := e.do(http.MethodPost, base+"/customers", body)
			h := e.create(clearingCustomer())
			put := e.do(http.MethodPut, base+"/customers/"+h, map[string]any{"fax": emptyFax})
			d, _ := e.s.Openprovider.Customer(h)
			if v == OpenproviderEmptyFaxIsNone {
				if create.Code != 0 || put.Code != 0 || d["fax"] != nil {
					t.Errorf("create %+v, put %+v, fax after %v", create.Raw, put.Raw, d["fax"])
				}
				return
			}
			for _, r := range []reply{create, put} {
				if r.Status != 400 || r.Code != 133 || !strings.Contains(r.Desc, "fax") {
					t.Errorf("got %d %+v, want 400 code 133", r.Status, r.Raw)
				}
			}
			if d["fax"] == nil {
				t.Error("a refused PUT removed the fax")
			}
		})
	}
}

func TestUnlistedAdditionalDataVariants(t *testing.T) {
	tests := []struct {
		v    OpenproviderUnlistedKeys
		want map[string]any // nil: refused
	}{
		{OpenproviderUnlistedStored, map[string]any{"birth_city": "Delft", "cost_center": "IT", "shoe_size": "42"}},
		{OpenproviderUnlistedDropped, map[string]any{"birth_city": "Delft"}},
		{OpenproviderUnlistedRejected, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.v), func(t *testing.T) {
			e := newEnv(t)
			e.s.Openprovider.SetBehaviour(OpenproviderBehaviour{UnlistedAdditionalData: tt.v})
			body := validCustomer()
			body["additional_data"] = map[string]any{"birth_city": "Delft", "cost_center": "IT", "shoe_size": "42", "project_code": ""}
			r := e.do(http.MethodPost, base+"/customers", body)
			if tt.want == nil {
				if r.Status != 400 || r.Code != 151 || !strings.Contains(r.Desc, "cost_center") {
					t.Errorf("got %d %+v, want 400 code 151 naming cost_center", r.Status, r.Raw)
				}
				return
			}
			h := obj(r.Data)["handle"].(string)
			if d, _ := e.s.Openprovider.Customer(h); !reflect.DeepEqual(d["additional_data"], tt.want) {
				t.Errorf("additional_data = %v, want %v", d["additional_data"], tt.want)
			}
			// An update follows the same rule.
			r = e.do(http.MethodPut, base+"/customers/"+h, map[string]any{"additional_data": map[string]any{"birth_city": "Delft", "cost_center": "IT", "shoe_size": "42"}})
			if d, _ := e.s.Openprovider.Customer(h); r.Code != 0 || !reflect.DeepEqual(d["additional_data"], tt.want) {
				t.Errorf("after PUT: %+v, additional_data = %v", r.Raw, d["additional_data"])
			}
		})
	}
}

func TestDeletedReadVariants(t *testing.T) {
	for _, v := range []OpenproviderDeletedRead{OpenproviderDeletedNotFound, OpenproviderDeletedFlagged} {
		t.Run(fmt.Sprint(v), func(t *testing.T) {
			e := newEnv(t)
			e.s.Openprovider.SetBehaviour(OpenproviderBehaviour{DeletedRead: v})
			h := e.create(validCustomer())
			e.clock.Add(time.Hour)
			if r := e.do(http.MethodDelete, base+"/customers/"+h, nil); r.Code != 0 {
				t.Fatalf("delete: %+v", r.Raw)
			}
			r := e.get(h, "?with_additional_data=true")
			if v == OpenproviderDeletedNotFound {
				if r.Status != 500 || r.Code != 193 {
					t.Errorf("GET: %d %+v", r.Status, r.Raw)
				}
			} else {
				d := obj(r.Data)
				if r.Status != 200 || r.Code != 0 || d["is_deleted"] != true || d["deleted_at"] != "2026-01-02 04:04:05" || d["handle"] != h {
					t.Errorf("GET: %d %+v", r.Status, r.Raw)
				}
			}
			// Writes and lists never see it.
			for _, method := range []string{http.MethodPut, http.MethodDelete} {
				if r := e.do(method, base+"/customers/"+h, map[string]any{}); r.Status != 500 || r.Code != 193 {
					t.Errorf("%s: %d %+v", method, r.Status, r.Raw)
				}
			}
			if d := obj(e.do(http.MethodGet, base+"/customers", nil).Data); d["total"] != 0.0 {
				t.Errorf("list: %v", d)
			}
		})
	}
}
