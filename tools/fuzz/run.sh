#!/usr/bin/env bash
# Large-scale differential fuzzing of the generator (CI runs 300 programs; this runs as many as asked).
#   tools/fuzz/run.sh [programs=20000] [first-seed=20261122]
# Prints the tally (programs tried, mismatches, crashes) and, for each kind of failure, the shrunk
# program with the seed that reproduces it (AUTODIFFGEN_FUZZ_SEED=<seed> AUTODIFFGEN_FUZZ_PROGRAMS=1).
set -euo pipefail
cd "$(dirname "$0")/../.."
export AUTODIFFGEN_FUZZ_PROGRAMS="${1:-20000}"
export AUTODIFFGEN_FUZZ_SEED="${2:-20261122}"
dotnet build Generator.Tests/AutoDiffGen.Generator.Tests.csproj -c Release -v quiet
dotnet test Generator.Tests/AutoDiffGen.Generator.Tests.csproj -c Release --no-build \
  --filter "FullyQualifiedName~Fuzz.DifferentialFuzzTests.GeneratedGradientsAgree" \
  --logger "console;verbosity=detailed"
