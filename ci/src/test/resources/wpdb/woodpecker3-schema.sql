-- The part of Woodpecker 3's PostgreSQL schema that wpdb's queries touch (xorm's names and types:
-- BIGINT ids and Unix-second timestamps, VARCHAR(255) strings).
CREATE TABLE repos (
  id BIGSERIAL PRIMARY KEY,
  forge_id BIGINT,
  forge_remote_id VARCHAR(255),
  org_id BIGINT,
  owner VARCHAR(255),
  name VARCHAR(255),
  full_name VARCHAR(255) UNIQUE,
  active BOOLEAN,
  allow_deploy BOOLEAN,
  timeout BIGINT
);
CREATE TABLE pipelines (
  id BIGSERIAL PRIMARY KEY,
  repo_id BIGINT,
  number BIGINT,
  author VARCHAR(255),
  parent BIGINT,
  event VARCHAR(255),
  status VARCHAR(255),
  created BIGINT,
  updated BIGINT,
  started BIGINT,
  finished BIGINT,
  deploy VARCHAR(255),
  commit VARCHAR(255),
  branch VARCHAR(255),
  ref VARCHAR(255),
  message TEXT,
  UNIQUE (repo_id, number)
);
CREATE INDEX pipeline_status ON pipelines (status);
CREATE TABLE steps (
  id BIGSERIAL PRIMARY KEY,
  uuid VARCHAR(255),
  pipeline_id BIGINT,
  pid INTEGER,
  ppid INTEGER,
  name VARCHAR(255),
  state VARCHAR(255),
  error TEXT,
  failure VARCHAR(255),
  exit_code INTEGER,
  started BIGINT,
  finished BIGINT,
  type VARCHAR(255)
);
