// Package security holds no code: its tests attack the provider's vendor clients from hostile
// endpoints on loopback addresses (redirects to another origin, https downgrades, endless and
// compressed-bomb answers, untrusted certificates) and check proxies are honoured.
package security
