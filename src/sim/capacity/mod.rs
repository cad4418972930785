//! Cluster capacity providers: managed scaling (CapacityProviderReservation) and base/weight strategies.
