package io.realtimepipelines.fraud.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.List;

/**
 * One entry of {@code userRules} in a rules file, as written (docs/fraud-rule-language.md); bound
 * by Jackson after the file passed its JSON Schema, compiled by {@link UserRules}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class UserRuleSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A sequence's step. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Step implements Serializable {
    private static final long serialVersionUID = 1L;
    @JsonProperty public List<String> key = List.of("accountId");
    @JsonProperty public String when;
  }

  @JsonProperty public String id;
  @JsonProperty public String kind;
  @JsonProperty public boolean enabled = true;
  @JsonProperty public boolean shadow;
  @JsonProperty public int weight;
  @JsonProperty public String reason;
  @JsonProperty public String when;

  // aggregate
  @JsonProperty public List<String> groupBy;
  @JsonProperty public Long windowSeconds;
  @JsonProperty public String aggregate;
  @JsonProperty public String of;
  @JsonProperty public String filter;
  @JsonProperty public String op;
  @JsonProperty public Double limit;
  @JsonProperty public Double timesMedian;
  @JsonProperty public Integer historySize;
  @JsonProperty public Integer minHistory;
  @JsonProperty public Integer maxEvents;

  // sequence
  @JsonProperty public Long withinSeconds;
  @JsonProperty public Step first;
  @JsonProperty public Step then;
}
