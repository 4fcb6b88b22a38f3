package openprovider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/customerhandles/terraform-provider-customers/internal/attrs"
	"github.com/customerhandles/terraform-provider-customers/internal/validate"
)

var (
	phoneCountryCode = regexp.MustCompile(`^\+[0-9]{1,3}$`)
	digits           = regexp.MustCompile(`^[0-9]+$`)
	localePattern    = regexp.MustCompile(`^[a-z]{2}_[A-Z]{2}$`)
	tldPattern       = regexp.MustCompile(`^[a-z0-9-]+(\.[a-z0-9-]+)*$`)
)

// customerSchema is the resource's schema; the data source derives its own from it.
func customerSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "An Openprovider customer handle: the contact record (person or company) that domains, " +
			"SSL certificates and licences refer to. `name` and `company_name` cannot change on an existing handle, so " +
			"changing them replaces the handle: Terraform deletes the old handle first, then creates the new one, unless " +
			"`lifecycle { create_before_destroy = true }` asks for the new one first (needed while domains use the handle, " +
			"which Openprovider refuses to delete). Everything else is updated in place.\n\n" +
			"Optional text attributes cannot be set to `\"\"`: leave them out to leave them empty (Openprovider does not " +
			"distinguish the two).",
		Attributes: map[string]schema.Attribute{
			"handle": attrs.Assigned("The handle Openprovider assigned, such as `JD000001-NL`. It identifies the customer and is the import ID."),
			"name": schema.SingleNestedAttribute{
				Required:            true,
				MarkdownDescription: "The person's name (for a company: its contact person). Changing any part of it replaces the handle (see `create_before_destroy`).",
				Attributes: map[string]schema.Attribute{
					"initials":   replacingString(false, "Initials, such as `J.`.", 1, 20),
					"first_name": replacingString(true, "First name.", 1, 255),
					"prefix":     replacingString(false, "Name prefix, such as the Dutch `van der`.", 1, 50),
					"last_name":  replacingString(true, "Last name.", 1, 255),
					"full_name": schema.StringAttribute{
						Computed:            true,
						MarkdownDescription: "The full name as Openprovider composes it from the other parts.",
						PlanModifiers: []planmodifier.String{attrs.KeepUnlessChanged("Keeps full_name from the state while the name is unchanged.",
							sibling("initials"), sibling("first_name"), sibling("prefix"), sibling("last_name"))},
					},
				},
			},
			"company_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The company's name, when the customer is a company. Changing it replaces the handle (see `create_before_destroy`).",
				Validators:          []validator.String{validate.Optional(stringvalidator.UTF8LengthBetween(1, 255))},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"vat": attrs.OptionalString("VAT number, such as `NL123456789B01`.", 1, 64),
			"address": schema.SingleNestedAttribute{
				Required:            true,
				MarkdownDescription: "Postal address.",
				Attributes: map[string]schema.Attribute{
					"street":  attrs.RequiredString("Street name.", 1, 255),
					"number":  attrs.RequiredString("House number.", 1, 20),
					"suffix":  attrs.OptionalString("House number suffix, such as `A`.", 1, 20),
					"zipcode": attrs.RequiredString("Postal code.", 1, 20),
					"city":    attrs.RequiredString("City.", 1, 255),
					"country": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Country as an ISO 3166-1 alpha-2 code in upper case, such as `NL`.",
						Validators:          []validator.String{validate.Country()},
					},
					"state": attrs.OptionalString("State or province; some registries require it.", 1, 255),
				},
			},
			"phone": phoneAttribute(true, "Phone number, split in its parts."),
			"fax":   phoneAttribute(false, "Fax number, split in its parts."),
			"email": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "E-mail address, such as `jane@example.com`.",
				Validators:          []validator.String{validate.Email(), stringvalidator.UTF8LengthAtMost(255)},
			},
			"locale": schema.StringAttribute{
				// Openprovider fills in the reseller account's default when none is sent.
				Optional: true,
				Computed: true,
				MarkdownDescription: "Language of communication as `language_COUNTRY`, such as `nl_NL` or `en_GB`. When it is " +
					"not set, Openprovider fills in the reseller account's default (such as `en_GB`); leaving it out later " +
					"keeps the value the customer has.",
				Validators:    []validator.String{validate.Optional(stringvalidator.RegexMatches(localePattern, `must look like "nl_NL" (a lower-case language code, "_", an upper-case country code)`))},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"comments": attrs.OptionalString("Free-text notes about the customer, visible to the reseller only.", 1, 4000),
			"tags": schema.SetNestedAttribute{
				Optional: true,
				MarkdownDescription: "Labels of the reseller account attached to the customer. Each value must already exist in the " +
					"account (Openprovider's tags API creates them).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"key": schema.StringAttribute{
						Optional:            true,
						Computed:            true,
						Default:             stringdefault.StaticString("customer"),
						MarkdownDescription: "Tag key. Openprovider allows only `customer`, the default.",
						Validators:          []validator.String{validate.Optional(stringvalidator.OneOf("customer"))},
					},
					"value": attrs.RequiredString("Tag value, such as `VIP`.", 1, 255),
				}},
			},
			"additional_data": additionalDataAttribute(),
			"extension_additional_data": schema.ListNestedAttribute{
				Optional: true,
				MarkdownDescription: "Data that the registries of some TLDs require, one entry per TLD. The keys of `data` differ " +
					"per TLD (see Openprovider's list of extension additional data).",
				Validators: []validator.List{listvalidator.SizeAtLeast(1)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "The TLD without a leading dot, such as `ru` or `com.vn`.",
						Validators:          []validator.String{stringvalidator.RegexMatches(tldPattern, `must be a TLD in lower case without a leading dot, such as "ru" or "com.vn"`)},
					},
					"data": schema.MapAttribute{
						Required:    true,
						Sensitive:   true,
						ElementType: types.StringType,
						MarkdownDescription: "The TLD's fields as strings, such as `{ birth_date = \"1970-01-01\" }`. Sensitive as a " +
							"whole, because several TLDs ask for passport and social-security numbers here.",
						Validators: []validator.Map{mapvalidator.SizeAtLeast(1)},
					},
				}},
			},
		},
	}
}

func phoneAttribute(required bool, description string) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Required:            required,
		Optional:            !required,
		MarkdownDescription: description,
		Attributes: map[string]schema.Attribute{
			"country_code": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Country calling code with a leading `+`, such as `+31`.",
				Validators:          []validator.String{stringvalidator.RegexMatches(phoneCountryCode, `must be "+" followed by 1 to 3 digits, such as "+31"`)},
			},
			"area_code": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Area code without the leading zero, digits only, such as `20`.",
				Validators:          []validator.String{validate.Optional(stringvalidator.UTF8LengthBetween(1, 10), stringvalidator.RegexMatches(digits, "must contain digits only"))},
			},
			"subscriber_number": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The rest of the number, digits only, such as `1234567`.",
				Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, 20), stringvalidator.RegexMatches(digits, "must contain digits only")},
			},
		},
	}
}

func additionalDataAttribute() schema.SingleNestedAttribute {
	fields := map[string]schema.Attribute{
		"attached_files": schema.ListNestedAttribute{
			Optional:            true,
			MarkdownDescription: "Documents that prove the customer's identity, such as a passport scan, stored elsewhere.",
			Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"description": attrs.OptionalString("What the document is.", 1, 255),
				"doc_type":    attrs.RequiredString("Kind of document, such as `passport` or `id`.", 1, 64),
				"path":        attrs.RequiredString("Link to the stored file.", 1, 2048),
			}},
		},
		"birth_date":                             dateString("Date of birth, `YYYY-MM-DD`."),
		"company_registration_subscription_date": dateString("Date the company was registered, `YYYY-MM-DD`."),
		"birth_country":                          countryString("Country of birth, ISO 3166-1 alpha-2, such as `NL`."),
		"headquarters_country":                   countryString("Country of the company's headquarters, ISO 3166-1 alpha-2."),
		"passport_number":                        secretString("Passport or identity-card number. Sensitive: stored in the state (the resource's `passport_number_wo` keeps it out)."),
		"social_security_number":                 secretString("Social security number. Sensitive: stored in the state (the resource's `social_security_number_wo` keeps it out)."),
		"passport_number_wo": attrs.WriteOnlyString("passport_number", "Passport or identity-card number, as `passport_number`.",
			stringvalidator.UTF8LengthBetween(1, 64)),
		"passport_number_wo_version": attrs.WriteOnlyVersion("passport_number"),
		"social_security_number_wo": attrs.WriteOnlyString("social_security_number", "Social security number, as `social_security_number`.",
			stringvalidator.UTF8LengthBetween(1, 64)),
		"social_security_number_wo_version": attrs.WriteOnlyVersion("social_security_number"),
	}
	for name, description := range map[string]string{
		"birth_address":               "Address of birth.",
		"birth_city":                  "City of birth.",
		"birth_state":                 "State or province of birth.",
		"birth_zipcode":               "Postal code of the place of birth.",
		"cif_nif_number":              "Spanish CIF/NIF tax number.",
		"company_registration_city":   "City where the company is registered.",
		"company_registration_number": "Company registration number (chamber of commerce).",
		"company_url":                 "The company's website.",
		"cost_category":               "Invoice information: cost category.",
		"cost_center":                 "Invoice information: cost center.",
		"headquarters_address":        "Address of the company's headquarters.",
		"headquarters_city":           "City of the company's headquarters.",
		"headquarters_state":          "State or province of the company's headquarters.",
		"headquarters_zipcode":        "Postal code of the company's headquarters.",
		"internal_reference":          "Invoice information: your internal reference.",
		"project_code":                "Invoice information: project code.",
		"purchase_order_number":       "Invoice information: purchase order number.",
		"trading_name":                "The company's trading name.",
	} {
		fields[name] = attrs.OptionalString(description, 1, 255)
	}
	return schema.SingleNestedAttribute{
		Optional:            true,
		MarkdownDescription: "Extra facts about the customer that some registries and invoices need. Fields left out are empty.",
		Attributes:          fields,
	}
}

//nolint:unparam // minLen is 1 for every name part today; the call sites state both bounds
func replacingString(required bool, description string, minLen, maxLen int) schema.StringAttribute {
	var length validator.String = stringvalidator.UTF8LengthBetween(minLen, maxLen)
	if !required {
		length = validate.Optional(length)
	}
	return schema.StringAttribute{
		Required:            required,
		Optional:            !required,
		MarkdownDescription: description + " Changing it replaces the handle (see `create_before_destroy`).",
		Validators:          []validator.String{length},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
}

func dateString(description string) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: description, Validators: []validator.String{validate.Optional(validate.Date())}}
}

func countryString(description string) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: description, Validators: []validator.String{validate.Optional(validate.Country())}}
}

func secretString(description string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		Sensitive:           true,
		MarkdownDescription: description,
		Validators:          []validator.String{validate.Optional(stringvalidator.UTF8LengthBetween(1, 64))},
	}
}

// sibling is the attribute name beside the one a plan modifier or validator belongs to.
func sibling(name string) path.Expression { return path.MatchRelative().AtParent().AtName(name) }
