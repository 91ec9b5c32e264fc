/**
 * Event-time windowing shared by the jobs: {@link io.realtimepipelines.windowing.AggregateWindows}
 * aggregates per key in fixed, sliding or session windows with allowed lateness and early/late
 * panes, and sends data that is too late to a late-data output instead of dropping it.
 */
package io.realtimepipelines.windowing;
