package openprovider

import "encoding/json"

// The wire types of Openprovider's customer API (REST v1beta). Write bodies carry every mutable
// field, empty ones included: an update sends the full desired state, and an empty string or empty
// list is how a field is cleared (the API keeps fields that are omitted).

// Customer is a customer handle as created, updated and read.
type Customer struct {
	ID                      int                       `json:"id,omitempty"` // read-only; grows with each new customer
	Handle                  string                    `json:"handle,omitempty"`
	Name                    *Name                     `json:"name,omitempty"`
	CompanyName             *string                   `json:"company_name,omitempty"`
	Vat                     string                    `json:"vat"`
	Address                 Address                   `json:"address"`
	Phone                   Phone                     `json:"phone"`
	Fax                     Phone                     `json:"fax"`
	Email                   string                    `json:"email"`
	Locale                  string                    `json:"locale"`
	Comments                string                    `json:"comments"`
	Tags                    []Tag                     `json:"tags"`
	AdditionalData          AdditionalData            `json:"additional_data"`
	ExtensionAdditionalData []ExtensionAdditionalData `json:"extension_additional_data"`
}

// Name is immutable once the handle exists; FullName is derived by the server.
type Name struct {
	Initials  string `json:"initials"`
	FirstName string `json:"first_name"`
	Prefix    string `json:"prefix"`
	LastName  string `json:"last_name"`
	FullName  string `json:"full_name,omitempty"`
}

// Address is a customer's postal address.
type Address struct {
	Street  string `json:"street"`
	Number  string `json:"number"`
	Suffix  string `json:"suffix"`
	Zipcode string `json:"zipcode"`
	City    string `json:"city"`
	Country string `json:"country"`
	State   string `json:"state"`
}

// Phone is also the fax shape; a fax of empty strings means "no fax".
type Phone struct {
	CountryCode      string `json:"country_code"`
	AreaCode         string `json:"area_code"`
	SubscriberNumber string `json:"subscriber_number"`
}

// IsZero reports whether no part of the number is set.
func (p Phone) IsZero() bool { return p == Phone{} }

// Tag is a reseller-defined label; Key is always "customer".
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// AdditionalData is the union of the fields in Openprovider's spec and in its knowledge-base
// example of an update.
type AdditionalData struct {
	AttachedFiles                       []AttachedFile `json:"attached_files"`
	BirthAddress                        string         `json:"birth_address"`
	BirthCity                           string         `json:"birth_city"`
	BirthCountry                        string         `json:"birth_country"`
	BirthDate                           string         `json:"birth_date"`
	BirthState                          string         `json:"birth_state"`
	BirthZipcode                        string         `json:"birth_zipcode"`
	CifNifNumber                        string         `json:"cif_nif_number"`
	CompanyRegistrationCity             string         `json:"company_registration_city"`
	CompanyRegistrationNumber           string         `json:"company_registration_number"`
	CompanyRegistrationSubscriptionDate string         `json:"company_registration_subscription_date"`
	CompanyURL                          string         `json:"company_url"`
	CostCategory                        string         `json:"cost_category"`
	CostCenter                          string         `json:"cost_center"`
	HeadquartersAddress                 string         `json:"headquarters_address"`
	HeadquartersCity                    string         `json:"headquarters_city"`
	HeadquartersCountry                 string         `json:"headquarters_country"`
	HeadquartersState                   string         `json:"headquarters_state"`
	HeadquartersZipcode                 string         `json:"headquarters_zipcode"`
	InternalReference                   string         `json:"internal_reference"`
	PassportNumber                      string         `json:"passport_number"`
	ProjectCode                         string         `json:"project_code"`
	PurchaseOrderNumber                 string         `json:"purchase_order_number"`
	SocialSecurityNumber                string         `json:"social_security_number"`
	TradingName                         string         `json:"trading_name"`
}

// AttachedFile points at a document (a passport scan, company papers) stored elsewhere.
type AttachedFile struct {
	Description string `json:"description"`
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
	Warnings    []warning       `json:"warnings"`
}

type warning struct {
	Code int    `json:"code"`
	Desc string `json:"desc"`
}

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
	IP       string `json:"ip"`
}

type loginData struct {
	Token      string `json:"token"`
	ResellerID int    `json:"reseller_id"`
}

type createData struct {
	Handle string `json:"handle"`
}

type listData struct {
	Results []Customer `json:"results"`
	Total   int        `json:"total"`
}
