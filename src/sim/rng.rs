//! The one source of randomness. Xoshiro256++ is small, fast, clonable (undo needs a copy
//! of the whole state) and gives the same sequence on every platform, so a seed replays
//! the same decisions natively and in the browser.

pub type SimRng = rand::rngs::Xoshiro256PlusPlus;

pub fn seeded(seed: u64) -> SimRng {
    use rand::SeedableRng;
    SimRng::seed_from_u64(seed)
}
