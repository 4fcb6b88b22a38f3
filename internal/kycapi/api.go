package kycapi

import (
	"bytes"
	"encoding/json"
)

// The wire types of NOAH's customer API: JSON with PascalCase names and no envelope.

// CustomerInput is the body of a PUT: the customer's whole record (NOAH replaces what it had).
type CustomerInput struct {
	Type             string     `json:"Type"`
	FullName         FullName   `json:"FullName"`
	DateOfBirth      string     `json:"DateOfBirth"`
	Email            string     `json:"Email,omitempty"`
	PhoneNumber      string     `json:"PhoneNumber,omitempty"`
	Identities       []Identity `json:"Identities"`
	PrimaryResidence Address    `json:"PrimaryResidence"`
}

// Customer is a customer as NOAH returns it; Email and PhoneNumber are never returned.
type Customer struct {
	Type             string         `json:"Type"`
	CustomerID       string         `json:"CustomerID"`
	Created          string         `json:"Created"`
	DateOfBirth      string         `json:"DateOfBirth"`
	FullName         FullName       `json:"FullName"`
	Identities       []Identity     `json:"Identities"`
	PrimaryResidence Address        `json:"PrimaryResidence"`
	Verification     *Verification  `json:"Verification"`
	Verifications    *Verifications `json:"Verifications"`
}

// VerificationStatus is NOAH's verdict on the customer: Verifications' status, or the
// deprecated Verification's where NOAH sends only that; "" when it sends neither.
func (c *Customer) VerificationStatus() string {
	if c.Verifications != nil && c.Verifications.Status != "" {
		return c.Verifications.Status
	}
	if c.Verification != nil {
		return c.Verification.Status
	}
	return ""
}

// FullName is a customer's legal name.
type FullName struct {
	FirstName  string `json:"FirstName"`
	LastName   string `json:"LastName"`
	MiddleName string `json:"MiddleName,omitempty"`
}

// Identity is an identity document; IDNumber is a secret.
type Identity struct {
	IssuingCountry string `json:"IssuingCountry"`
	IDNumber       string `json:"IDNumber"`
	IssuedDate     string `json:"IssuedDate,omitempty"`
	ExpiryDate     string `json:"ExpiryDate,omitempty"`
	IDType         string `json:"IDType"`
}

// Address is a customer's primary residence.
type Address struct {
	Street   string `json:"Street"`
	Street2  string `json:"Street2,omitempty"`
	City     string `json:"City"`
	PostCode string `json:"PostCode"`
	State    string `json:"State"`
	Country  string `json:"Country"`
}

// Verification is the outcome of NOAH's checks, deprecated by NOAH in favour of Verifications.
type Verification struct {
	Status string `json:"Status"`
}

// Verifications is the summary of NOAH's checks (its per-entity details are not used).
type Verifications struct {
	Type   string `json:"Type"`
	Status string `json:"Status"`
}

// UnmarshalJSON reads the one object NOAH documents, or an array of them, which an open-source
// client of NOAH's also accepts: then the individual's entry, else the first.
func (v *Verifications) UnmarshalJSON(b []byte) error {
	type plain Verifications
	if !bytes.HasPrefix(bytes.TrimSpace(b), []byte("[")) {
		return json.Unmarshal(b, (*plain)(v))
	}
	var list []plain
	if err := json.Unmarshal(b, &list); err != nil {
		return err
	}
	for _, item := range list {
		if item.Type == "Individual" {
			*v = Verifications(item)
			return nil
		}
	}
	if len(list) > 0 {
		*v = Verifications(list[0])
	}
	return nil
}

// errorBody is NOAH's Error answer.
type errorBody struct {
	Type             string `json:"Type"`
	Instance         string `json:"Instance"`
	Detail           string `json:"Detail"`
	RequestExtension struct {
		Body []struct {
			Field       string `json:"Field"`
			Reason      string `json:"Reason"`
			Description string `json:"Description"`
		} `json:"Body"`
	} `json:"RequestExtension"`
}
