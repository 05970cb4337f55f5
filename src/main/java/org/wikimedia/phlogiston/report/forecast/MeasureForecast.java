package org.wikimedia.phlogiston.report.forecast;

import java.time.LocalDate;

/**
 * A category's velocity, scope growth and forecasts on one week date, in one measure (points or count). Named after
 * the original's columns less the measure: {@code optVel} is {@code opt_points_vel} or {@code opt_count_vel}.
 *
 * @param total             all the category's work on the date
 * @param resolved          its resolved work
 * @param deltaResolved     resolved work gained since the previous week (negative when work was reopened)
 * @param deltaTotal        total work gained since the previous week
 * @param optVel            optimistic velocity per week
 * @param nomVel            nominal velocity per week
 * @param pesVel            pessimistic velocity per week
 * @param optTotalGrowrate  optimistic growth of the total per week (always 0)
 * @param nomTotalGrowrate  nominal growth of the total per week
 * @param pesTotalGrowrate  pessimistic growth of the total per week
 * @param optFore           weeks until the open work is done, optimistically; null for no forecast
 * @param nomFore           nominal weeks to completion, or null
 * @param pesFore           pessimistic weeks to completion, or null
 * @param threemMaxGrowrate mean of the 3 largest weekly growths in the last 3 months
 * @param threewMaxGrowrate mean of the weekly growths in the last 3 weeks (the 3 largest of 3)
 * @param optDate           the date plus {@code optFore} weeks, or null
 * @param nomDate           the date plus {@code nomFore} weeks, or null
 * @param pesDate           the date plus {@code pesFore} weeks, or null
 */
public record MeasureForecast(long total, long resolved, long deltaResolved, long deltaTotal,
                              double optVel, double nomVel, double pesVel,
                              double optTotalGrowrate, double nomTotalGrowrate, double pesTotalGrowrate,
                              Integer optFore, Integer nomFore, Integer pesFore,
                              double threemMaxGrowrate, double threewMaxGrowrate,
                              LocalDate optDate, LocalDate nomDate, LocalDate pesDate) {
}
