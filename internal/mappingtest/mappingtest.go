// Package mappingtest helps the services' tests prove that every field travels between the
// Terraform model and the API's wire types: Fill sets every field, Unset finds the ones a
// mapping dropped. A line lost from a to-API or from-API mapping then fails a unit test.
package mappingtest

import (
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Fill sets every field that ptr points to, at any depth, to a non-empty value that names its
// path: strings and types.String to the path, one element in every slice and map, a new value
// behind every pointer.
func Fill(ptr any) {
	v := reflect.ValueOf(ptr)
	fill(v.Elem(), v.Elem().Type().Name())
}

func fill(v reflect.Value, at string) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), at)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[types.String]() {
			v.Set(reflect.ValueOf(types.StringValue(at)))
			return
		}
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() || f.Anonymous {
				fill(v.Field(i), fieldPath(at, f))
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), at+"[0]")
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		key, elem := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(key, at+".key")
		fill(elem, at+"[key]")
		m.SetMapIndex(key, elem)
		v.Set(m)
	case reflect.String:
		v.SetString(at)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(1)
	}
}

// Unset lists the paths (Go field names from v's type) at which v holds an empty value: a zero
// field, a nil pointer, an empty slice or map, a null, unknown or empty types.String. Paths in
// skip, and everything below them, are not reported: fields only one side has.
func Unset(v any, skip ...string) []string {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	skipped := map[string]bool{}
	for _, p := range skip {
		skipped[p] = true
	}
	return unset(rv, rv.Type().Name(), skipped)
}

func unset(v reflect.Value, at string, skip map[string]bool) []string {
	if skip[at] {
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return []string{at}
		}
		return unset(v.Elem(), at, skip)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[types.String]() {
			if s := v.Interface().(types.String); s.IsNull() || s.IsUnknown() || s.ValueString() == "" {
				return []string{at}
			}
			return nil
		}
		var out []string
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() || f.Anonymous {
				out = append(out, unset(v.Field(i), fieldPath(at, f), skip)...)
			}
		}
		return out
	case reflect.Slice:
		if v.Len() == 0 {
			return []string{at}
		}
		var out []string
		for i := range v.Len() {
			out = append(out, unset(v.Index(i), fmt.Sprintf("%s[%d]", at, i), skip)...)
		}
		return out
	case reflect.Map:
		if v.Len() == 0 {
			return []string{at}
		}
		return nil
	}
	if v.IsZero() {
		return []string{at}
	}
	return nil
}

// fieldPath names field f of the struct at at; an embedded struct's fields are named as the
// struct's own, as Terraform sees them.
func fieldPath(at string, f reflect.StructField) string {
	if f.Anonymous {
		return at
	}
	return at + "." + f.Name
}
