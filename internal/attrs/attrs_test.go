package attrs

import "testing"

func TestOptional(t *testing.T) {
	if !Optional("").IsNull() {
		t.Error(`Optional("") is not null`)
	}
	if v := Optional("x"); v.IsNull() || v.ValueString() != "x" {
		t.Errorf(`Optional("x") = %v`, v)
	}
}

func TestStringAttributes(t *testing.T) {
	r, o := RequiredString("r", 1, 5), OptionalString("o", 2, 9)
	if !r.Required || r.Optional || len(r.Validators) != 1 || r.MarkdownDescription != "r" {
		t.Errorf("RequiredString = %+v", r)
	}
	if o.Required || !o.Optional || len(o.Validators) != 1 || o.MarkdownDescription != "o" {
		t.Errorf("OptionalString = %+v", o)
	}
}
