package openproviderapi

import "encoding/json"

// The wire types of Openprovider's customer API (REST v1beta). A write body carries only what
// is set: every optional field is left out when empty, as GET leaves out what is unset. Removing
// a stored value takes an explicit empty value, which UpdateCustomer's clear paths add.

// Customer is a customer handle as created, updated and read.
type Customer struct {
	ID                      int                       `json:"id,omitzero"` // read-only; grows with each new customer
	Handle                  string                    `json:"handle,omitzero"`
	Name                    *Name                     `json:"name,omitempty"`
	CompanyName             *string                   `json:"company_name,omitempty"`
	Vat                     string                    `json:"vat,omitzero"`
	Address                 Address                   `json:"address"`
	Phone                   Phone                     `json:"phone"`
	Fax                     Phone                     `json:"fax,omitzero"`
	Email                   string                    `json:"email"`
	Locale                  string                    `json:"locale,omitzero"`
	Comments                string                    `json:"comments,omitzero"`
	Tags                    []Tag                     `json:"tags,omitempty"`
	AdditionalData          AdditionalData            `json:"additional_data,omitzero"`
	ExtensionAdditionalData []ExtensionAdditionalData `json:"extension_additional_data,omitempty"`
	// IsDeleted is read-only: a handle read with it set was deleted (handles are soft-deleted).
	IsDeleted bool `json:"is_deleted,omitzero"`
}

// Name is immutable once the handle exists; FullName is derived by the server.
type Name struct {
	Initials  string `json:"initials,omitzero"`
	FirstName string `json:"first_name"`
	Prefix    string `json:"prefix,omitzero"`
	LastName  string `json:"last_name"`
	FullName  string `json:"full_name,omitzero"`
}

// Address is a customer's postal address.
type Address struct {
	Street  string `json:"street"`
	Number  string `json:"number"`
	Suffix  string `json:"suffix,omitzero"`
	Zipcode string `json:"zipcode"`
	City    string `json:"city"`
	Country string `json:"country"`
	State   string `json:"state,omitzero"`
}

// Phone is also the fax shape.
type Phone struct {
	CountryCode      string `json:"country_code"`
	AreaCode         string `json:"area_code,omitzero"`
	SubscriberNumber string `json:"subscriber_number"`
}

// IsZero reports whether no part of the number is set; a zero fax is left out of write bodies.
func (p Phone) IsZero() bool { return p == Phone{} }

// Tag is a reseller-defined label; Key is always "customer".
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// AdditionalData is the union of the fields in Openprovider's spec and in its knowledge-base
// example of an update.
type AdditionalData struct {
	AttachedFiles                       []AttachedFile `json:"attached_files,omitempty"`
	BirthAddress                        string         `json:"birth_address,omitzero"`
	BirthCity                           string         `json:"birth_city,omitzero"`
	BirthCountry                        string         `json:"birth_country,omitzero"`
	BirthDate                           string         `json:"birth_date,omitzero"`
	BirthState                          string         `json:"birth_state,omitzero"`
	BirthZipcode                        string         `json:"birth_zipcode,omitzero"`
	CifNifNumber                        string         `json:"cif_nif_number,omitzero"`
	CompanyRegistrationCity             string         `json:"company_registration_city,omitzero"`
	CompanyRegistrationNumber           string         `json:"company_registration_number,omitzero"`
	CompanyRegistrationSubscriptionDate string         `json:"company_registration_subscription_date,omitzero"`
	CompanyURL                          string         `json:"company_url,omitzero"`
	CostCategory                        string         `json:"cost_category,omitzero"`
	CostCenter                          string         `json:"cost_center,omitzero"`
	HeadquartersAddress                 string         `json:"headquarters_address,omitzero"`
	HeadquartersCity                    string         `json:"headquarters_city,omitzero"`
	HeadquartersCountry                 string         `json:"headquarters_country,omitzero"`
	HeadquartersState                   string         `json:"headquarters_state,omitzero"`
	HeadquartersZipcode                 string         `json:"headquarters_zipcode,omitzero"`
	InternalReference                   string         `json:"internal_reference,omitzero"`
	PassportNumber                      string         `json:"passport_number,omitzero"`
	ProjectCode                         string         `json:"project_code,omitzero"`
	PurchaseOrderNumber                 string         `json:"purchase_order_number,omitzero"`
	SocialSecurityNumber                string         `json:"social_security_number,omitzero"`
	TradingName                         string         `json:"trading_name,omitzero"`
}

// AttachedFile points at a document (a passport scan, company papers) stored elsewhere.
type AttachedFile struct {
	Description string `json:"description,omitzero"`
	DocType     string `json:"doc_type"`
	Path        string `json:"path"`
}

// ExtensionAdditionalData carries the fields one TLD's registry requires; the keys differ per TLD.
type ExtensionAdditionalData struct {
	Name string            `json:"name"`
	Data map[string]string `json:"data"`
}

// envelope wraps every response body. Data is decoded later: on errors it may be a string, on
// success an object.
type envelope struct {
	Code        int             `json:"code"`
	Desc        string          `json:"desc"`
	Data        json.RawMessage `json:"data"`
	Maintenance bool            `json:"maintenance"`
}

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
	IP       string `json:"ip"`
}

type loginData struct {
	Token string `json:"token"`
}

type createData struct {
	Handle string `json:"handle"`
}

type listData struct {
	Results []Customer `json:"results"`
	Total   int        `json:"total"`
}
