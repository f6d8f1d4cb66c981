#!/bin/bash
# usage: run.sh mode [connections]
node b2.mjs $1 & P=$!
sleep 3
T0=$(awk '{print $14+$15}' /proc/$P/stat)
OUT=$(node ac.mjs ${2:-8})
T1=$(awk '{print $14+$15}' /proc/$P/stat)
REQ=$(echo "$OUT" | awk '{print $3}')
echo "$1: $OUT  server-cpu-ticks=$((T1-T0)) us/req=$(echo "($T1-$T0)*10000/($REQ*5)" | bc -l | cut -c1-6)"
kill $P; wait $P 2>/dev/null
