// Package badges issues Open Badges 3.0 credentials to learners who complete a module, and
// verifies them.
//
// A badge is an OpenBadgeCredential (a W3C Verifiable Credential) stating that the learner,
// identified by a salted hash of their email, achieved a module, with the module's criteria
// and its alignment to the competency model's dimensions. It is issued by the learner's
// organisation and signed with that organisation's Ed25519 key (a Data Integrity proof,
// cryptosuite eddsa-jcs-2022), inside the transaction that completes the module: the Store
// is an activity.Recorder. Keys live in the database, sealed; they are created on first
// need and rotated on request, and every key ever used stays published in the
// organisation's issuer profile so that earlier badges still verify. Revocation sets the
// badge's bit in the organisation's Bitstring Status List.
//
// Everything public lives under Config.BaseURL: the credential at /badges/{id}, the issuer
// profile with its keys at /orgs/{org}/issuer (key N is …/issuer#key-N) and the
// revocation list at /orgs/{org}/badges/status. Verify checks a badge the way an outside
// verifier would: proof, key, issuer, data model, revocation.
//
// The package reads the users and organisations tables in the caller's transaction and
// imports no other domain package; what a module means (its names, criteria and
// dimensions) comes from a Catalogue the application builds from the course content.
package badges
