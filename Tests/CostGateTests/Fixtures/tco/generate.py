#!/usr/bin/env python3
"""Generates owned-GPU (TCO) vectors with Python's decimal module, independently of costgate's code.

For each case: an `owned` object (capex_per_gpu, amortization_months, power_kw_per_gpu, price_per_kwh, pue,
hosting_per_gpu_month), an owned fleet (GPUs, forecast days, running GPU-hours a month), a cloud price per
GPU-hour and an API cost per request. Expected, as README "Owned GPUs" states them (a month is 720 hours):
  capital/h = capex / (months x 720); energy/h = kW x PUE x $/kWh; hosting/h = hosting / 720;
  price/h = capital + energy + hosting;
  monthly = GPUs x (days x 24) x (capital + hosting) + running GPU-hours x energy;
  break-even hours a month per GPU vs the cloud = (capital + hosting) x 720 / (cloud - energy), none if cloud <= energy;
  break-even requests a month vs the API = monthly / API cost per request.
Writes vectors.json (numbers as decimal strings, 30 significant digits). OwnedGPUTests.swift checks costgate to
1e-9 relative. Run: python3 generate.py (swift test needs no Python)."""
import json, os, random
from decimal import Decimal as D, getcontext

getcontext().prec = 50
HERE = os.path.dirname(os.path.abspath(__file__))
HOURS = D(720)
rng = random.Random(1212)


def dec(low, high, places):
    """A random decimal in [low, high] with `places` decimals, as a string (exact in the plan JSON)."""
    scale = 10 ** places
    return str(D(rng.randint(int(low * scale), int(high * scale))) / D(scale))


def case(name, capex, months, kw, kwh, pue, hosting, gpus, days, running, cloud, api):
    o = {k: D(v) for k, v in dict(capex=capex, months=months, kw=kw, kwh=kwh, pue=pue, hosting=hosting).items()}
    capital = o["capex"] / (o["months"] * HOURS)
    energy = o["kw"] * o["pue"] * o["kwh"]
    host = o["hosting"] / HOURS
    price = capital + energy + host
    monthly = D(gpus) * D(days) * 24 * (capital + host) + D(running) * energy
    margin = D(cloud) - energy
    breakeven_hours = (capital + host) * HOURS / margin if margin > 0 else None
    s = lambda x: None if x is None else format(x, ".30g")
    return {
        "name": name,
        "owned": {"capex_per_gpu": capex, "amortization_months": months, "power_kw_per_gpu": kw, "price_per_kwh": kwh,
                  "pue": pue, "hosting_per_gpu_month": hosting},
        "owned_gpus": gpus, "days": days, "running_gpu_hours": running, "cloud_per_gpu_hour": cloud,
        "api_cost_per_request": api,
        "expected": {"capital_per_gpu_hour": s(capital), "energy_per_gpu_hour": s(energy), "hosting_per_gpu_hour": s(host),
                     "price_per_gpu_hour": s(price), "monthly_cost": s(monthly),
                     "break_even_hours_per_month": s(breakeven_hours), "break_even_requests": s(monthly / D(api))},
    }


vectors = [
    # The tco-owned-h100 scenario: 2 owned H100s (8-GPU server at $250k), 36 months, 0.7 kW, $0.12/kWh, PUE 1.3,
    # $150 hosting; running all month; vs runpod/h100-sxm at $2.69 per GPU-hour.
    case("scenario h100", "31250", "36", "0.7", "0.12", "1.3", "150", 2, "30", "1440", "2.69", "0.0003"),
    # Energy dearer than renting: owning never pays off.
    case("energy above cloud", "1000", "12", "2", "1.5", "1.5", "0", 1, "30", "720", "1.0", "0.001"),
    # Free hardware and hosting: break-even at zero hours.
    case("only energy", "0", "12", "0.5", "0.2", "1.1", "0", 4, "30", "100", "2.0", "0.0005"),
]
for k in range(40):
    gpus = rng.randint(1, 64)
    days = dec(1, 31, 2)
    vectors.append(case(f"random {k}", dec(2000, 60000, 2), str(rng.randint(12, 72)), dec(0.1, 1.5, 3), dec(0.03, 0.40, 4),
                        dec(1.0, 2.0, 2), dec(0, 600, 2), gpus, days,
                        dec(0, gpus * float(days) * 24, 3), dec(0.3, 12, 4), dec(0.00001, 0.05, 6)))
with open(os.path.join(HERE, "vectors.json"), "w") as f:
    json.dump(vectors, f, indent=1)
    f.write("\n")
print(f"{len(vectors)} vectors")
