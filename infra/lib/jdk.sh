# Finds a JDK 21 or newer for the scripts that build or run the project; sourced by infra/up, infra/token,
# infra/bench and .ci/run, then `use_jdk NAME || exit 1`.
#
# use_jdk NAME sets and exports JAVA_HOME, and puts its bin/ first on PATH, to the first of: JAVA_HOME if its java
# is 21 or newer; the java on PATH if it is; the newest JDK under /usr/lib/jvm (JDK_SEARCH_DIR, for tests) if one is
# 21 or newer. Otherwise it prints, prefixed with NAME, each java it looked at with its version, and returns 1.
# It only defines functions: the shell options and the working directory of the script that sources it stay as they are.

# The major version of a java binary ("1.8" counts as 8), 0 if it does not run. Bash alone, no sed or grep: the
# scripts run with a PATH that may hold little else.
jdk_major() {
  local settings line version=
  settings=$("$1" -XshowSettings:properties -version 2>&1) || true
  while IFS= read -r line; do
    if [[ $line =~ ^[[:space:]]*java\.specification\.version\ =\ ([0-9.]+) ]]; then
      version=${BASH_REMATCH[1]}
    fi
  done <<<"$settings"
  version=${version#1.}
  version=${version%%.*}
  if [[ $version =~ ^[0-9]+$ ]]; then echo "$version"; else echo 0; fi
}

# The java.home a java binary reports, or the directory above its bin/ when it reports none.
jdk_home() {
  local settings line
  settings=$("$1" -XshowSettings:properties -version 2>&1) || true
  while IFS= read -r line; do
    if [[ $line =~ ^[[:space:]]*java\.home\ =\ (.+)$ ]]; then
      echo "${BASH_REMATCH[1]}"
      return
    fi
  done <<<"$settings"
  local binary
  binary=$(readlink -f "$1" 2>/dev/null) || binary=$1
  echo "${binary%/bin/java}"
}

# "17", or "does not run" for a major version of 0.
jdk_describe() {
  if (( $1 > 0 )); then echo "$1"; else echo "does not run"; fi
}

use_jdk() {
  local name=${1:-jdk.sh} search=${JDK_SEARCH_DIR:-/usr/lib/jvm} minimum=21
  local jdk= major best=0 candidate on_path installed= looked=()
  if [[ -n ${JAVA_HOME:-} ]]; then
    major=$(jdk_major "$JAVA_HOME/bin/java")
    if (( major >= minimum )); then
      jdk=$JAVA_HOME
    else
      looked+=("JAVA_HOME=$JAVA_HOME ($(jdk_describe "$major"))")
    fi
  fi
  if [[ -z $jdk ]] && on_path=$(command -v java); then
    major=$(jdk_major "$on_path")
    if (( major >= minimum )); then
      jdk=$(jdk_home "$on_path")
    else
      looked+=("java on PATH $on_path ($(jdk_describe "$major"))")
    fi
  fi
  if [[ -z $jdk ]]; then
    for candidate in "$search"/*; do
      [[ -x $candidate/bin/java ]] || continue
      major=$(jdk_major "$candidate/bin/java")
      installed+="${installed:+, }${candidate##*/} ($(jdk_describe "$major"))"
      # strictly newer: of two of the same version, the first by name
      if (( major >= minimum && major > best )); then
        best=$major
        jdk=$candidate
      fi
    done
    if [[ -z $jdk ]]; then
      looked+=("$search: ${installed:-no JDK}")
    fi
  fi
  if [[ -z $jdk ]]; then
    {
      echo "$name: needs a JDK $minimum or newer; set JAVA_HOME to one. Looked at:"
      local place
      for place in "${looked[@]}"; do
        echo "  $place"
      done
    } >&2
    return 1
  fi
  export JAVA_HOME=$jdk
  export PATH="$JAVA_HOME/bin:$PATH"
}
