//! Native side of bench/curves.sh, shared by v013/ and v014/: prints one JSON line with
//! microseconds per operation of the crate it is built with.
use std::time::Instant;

fn per_op(f: extern "C" fn(u32) -> u32, n: u32) -> f64 {
    f(n / 10); // warm
    f(n / 10);
    let start = Instant::now();
    let r = std::hint::black_box(f(std::hint::black_box(n)));
    assert_ne!(r, u32::MAX);
    assert!(r == n || n >= 1_000_000, "verification failed");
    start.elapsed().as_secs_f64() * 1e6 / f64::from(n)
}

fn main() {
    println!(
        "{{\"verify_p521\":{:.3},\"verify_p384\":{:.3},\"verify_p256\":{:.3},\"field_mul_p521\":{:.5},\"field_mul_p384\":{:.5},\"field_mul_p256\":{:.5}}}",
        per_op(curves_bench::verify_p521, 200),
        per_op(curves_bench::verify_p384, 400),
        per_op(curves_bench::verify_p256, 1000),
        per_op(curves_bench::field_mul_p521, 2_000_000),
        per_op(curves_bench::field_mul_p384, 2_000_000),
        per_op(curves_bench::field_mul_p256, 4_000_000),
    );
}
